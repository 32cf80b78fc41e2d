package dev.ferry.connector.jdbc;

import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.rules.TemporaryFolder;

import java.sql.SQLException;
import java.util.Properties;

/** Embedded Derby, in a temporary folder. */
public class DerbyEmbeddedTableTest extends AbstractTableTest {

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    @Override
    protected String url() {
        return "jdbc:derby:" + FOLDER.getRoot().toPath().resolve("db") + ";create=true";
    }

    @Override
    protected String unreachableUrl(String password) {
        return "jdbc:derby:" + FOLDER.getRoot().toPath().resolve("missing") + ";user=ferry;password=" + password;
    }

    /** Releases the database files before the folder is removed; Derby answers a clean shutdown with an exception. */
    @AfterClass
    public static void shutDown() {
        try {
            new org.apache.derby.jdbc.EmbeddedDriver()
                    .connect("jdbc:derby:" + FOLDER.getRoot().toPath().resolve("db") + ";shutdown=true", new Properties());
        } catch (SQLException expected) {
            // 08006: database shut down
        }
    }
}
