package dev.ferry.connector.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The PostgreSQL server on this machine (database {@code test}, user {@code postgres}, trust authentication). */
public class PostgresqlTableTest extends AbstractTableTest {

    @Override
    protected String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    protected String user() {
        return "postgres";
    }

    @Override
    protected boolean fingerprinted() {
        return true;
    }

    @Override
    protected String unreachableUrl(String password) {
        try {
            return "jdbc:postgresql://127.0.0.1:" + freePort() + "/test?user=postgres&password=" + password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
