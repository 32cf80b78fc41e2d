package dev.ferry.store;

import org.apache.derby.jdbc.EmbeddedDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** The store's migrations on embedded Derby, the default store. */
public class DerbyStoreSchemaTest extends StoreSchemaContract {

    @Override
    protected DataSource newDatabase(String name) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:" + name + "-" + System.nanoTime());
        ds.setCreateDatabase("create");
        return ds;
    }

    @Override
    protected String hbm2ddlScript() {
        return "derby.sql";
    }

    @Override
    protected Map<String, String> sequences(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select q.SEQUENCENAME, q.INCREMENT, q.STARTVALUE, q.SEQUENCEDATATYPE, q.MINIMUMVALUE, q.MAXIMUMVALUE, q.CYCLEOPTION "
                        + "from SYS.SYSSEQUENCES q join SYS.SYSSCHEMAS s on q.SCHEMAID = s.SCHEMAID where s.SCHEMANAME = CURRENT SCHEMA")) {
            while (rs.next()) {
                out.put(rs.getString(1), "increment " + rs.getLong(2) + " start " + rs.getLong(3) + " " + rs.getString(4)
                        + " " + rs.getLong(5) + ".." + rs.getLong(6) + " cycle " + rs.getString(7));
            }
        }
        return out;
    }
}
