package dev.ferry.store;

import org.junit.Test;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;

/** The Quartz tables the migrations make are Quartz's own DDL for its JDBC job store, with Ferry's table prefix. */
public class QuartzTablesTest {

    @Test
    public void derbyTablesAreQuartzOwn() throws Exception {
        assertSameStatements("tables_derby.sql");
    }

    @Test
    public void postgresqlTablesAreQuartzOwn() throws Exception {
        assertSameStatements("tables_postgres.sql");
    }

    private static void assertSameStatements(String script) throws Exception {
        List<String> quartz = normalized(StoreSchemaContract.read("org/quartz/impl/jdbcjobstore/" + script)).stream()
                .filter(s -> !s.startsWith("drop table") && !s.equals("commit"))
                .map(s -> s.replaceAll("\\bqrtz_", "ferry_qrtz_").replace("idx_qrtz_", "idx_ferry_qrtz_"))
                .collect(Collectors.toList());
        assertEquals(quartz, normalized(StoreSchemaContract.read("dev/ferry/store/db/quartz/" + script)));
    }

    private static List<String> normalized(String script) {
        return StoreSchemaContract.statements(script).stream()
                .map(s -> s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll(" ?([(),]) ?", "$1").trim())
                .collect(Collectors.toList());
    }
}
