package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import org.junit.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.junit.Assert.assertTrue;

/** The MariaDB server on this machine (database {@code test}, user {@code root} without password). */
public class MariadbTableTest extends AbstractTableTest {

    @Override
    protected String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    protected String user() {
        return "root";
    }

    @Override
    protected String unreachableUrl(String password) {
        try {
            return "jdbc:mariadb://127.0.0.1:" + freePort() + "/test?user=root&password=" + password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void acceptsMysqlUrls() {
        ConnectionTest test = new JdbcConnector().testConnection(
                Config.of(Map.of("url", "jdbc:mysql://127.0.0.1:3306/test", "user", "root")));
        assertTrue(test.message(), test.ok());
    }
}
