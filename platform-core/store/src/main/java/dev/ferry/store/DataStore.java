package dev.ferry.store;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC transactions over Ferry's store, for the data path's bulk tables (workspace cache, action queue),
 * where a page of records is one statement rather than one entity per record.
 */
@Component(service = DataStore.class)
public class DataStore {

    /** Work on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Reference(target = "(osgi.jndi.service.name=ferryds)")
    private DataSource dataSource;
    /** The schema is migrated before the data path touches it. */
    @Reference
    private StoreSchema schema;

    public DataStore() {
    }

    /** For use outside OSGi (tests, tools). */
    public DataStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StoreException when the store cannot be reached or a statement fails
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
