package dev.ferry.engine.service;

import dev.ferry.platform.api.ConflictException;

import javax.persistence.PersistenceException;
import java.util.function.Supplier;

/** Two requests creating the same thing at once: the loser's key violation is the same conflict a check reports. */
final class Conflicts {
    private Conflicts() {
    }

    static <T> T onDuplicate(String conflict, Supplier<T> create) {
        try {
            return create.get();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                // SQLState class 23: integrity constraint violation (a duplicate key), in every database
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    throw new ConflictException(conflict);
                }
            }
            throw e;
        }
    }
}
