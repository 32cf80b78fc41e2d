package dev.ferry.store;

import java.sql.SQLException;

/** Ferry's own store failed (unreachable, or a statement was refused); nothing of the transaction was kept. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super("Ferry's store failed: " + cause.getMessage() + " [SQLState " + cause.getSQLState() + "]", cause);
    }
}
