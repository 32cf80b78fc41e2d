package dev.ferry.store;

import org.junit.Test;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * What the store's migrations promise, on one database: a store that Hibernate made before migrations is upgraded
 * in place (tables and rows kept, the narrower cursor column widened), and a new database ends with exactly the
 * schema Hibernate makes from the entities, so the changelog and the entities cannot drift apart.
 */
public abstract class StoreSchemaContract {

    /** A new, empty database (or schema) for one test. */
    protected abstract DataSource newDatabase(String name) throws Exception;

    /** The script in {@code hbm2ddl/} with the schema Hibernate made on this database before migrations. */
    protected abstract String hbm2ddlScript();

    /** Each sequence's increment, start, type and bounds, by sequence name in upper case. */
    protected abstract Map<String, String> sequences(Connection c) throws SQLException;

    @Test
    public void upgradesAStoreHibernateMadeBeforeMigrationsAndKeepsItsRows() throws Exception {
        DataSource ds = newDatabase("old_store");
        String cursor = "c".repeat(4000);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : statements(read("hbm2ddl/" + hbm2ddlScript()))) {
                s.execute(ddl);
            }
            s.execute("insert into FERRY_WORKSPACE (name, createdAt, description, type) "
                    + "values ('acme', CURRENT_TIMESTAMP, 'ACME', 'STANDARD')");
            s.execute("insert into FERRY_REGISTRATION (id, createdAt, productId, productVersion, workspace) "
                    + "values ('acme:demo', CURRENT_TIMESTAMP, 'demo', '1.0.0', 'acme')");
            s.execute("insert into FERRY_REGISTRATION_CONFIG (registration_id, name, config_value) values ('acme:demo', 'inbox', '/in')");
            s.execute("insert into FERRY_SERVICE_STATE (id, registrationId, serviceId, workspace, read_cursor, updatedAt) "
                    + "values (1, 'acme:demo', 'reader', 'acme', '" + cursor + "', CURRENT_TIMESTAMP)");
            s.execute("insert into FERRY_JOB_RUN (id, actionsFailed, actionsSucceeded, deleted, inserted, jobId, productId, "
                    + "registrationId, rowsRead, rowsRejected, startedAt, status, run_trigger, unchanged, updated, workspace) "
                    + "values (7, 0, 3, 0, 3, 'sync', 'demo', 'acme:demo', 3, 0, CURRENT_TIMESTAMP, 'SUCCEEDED', 'schedule', 0, 0, 'acme')");
        }
        assertEquals(4000, columnSize(ds, "FERRY_SERVICE_STATE", "READ_CURSOR"));

        new StoreSchema(ds);

        assertEquals(16_000, columnSize(ds, "FERRY_SERVICE_STATE", "READ_CURSOR"));
        assertEquals(cursor, queryString(ds, "select read_cursor from FERRY_SERVICE_STATE where id = 1"));
        assertEquals("/in", queryString(ds, "select config_value from FERRY_REGISTRATION_CONFIG where name = 'inbox'"));
        assertEquals("sync", queryString(ds, "select jobId from FERRY_JOB_RUN where id = 7"));
        assertEquals("ACME", queryString(ds, "select description from FERRY_WORKSPACE where name = 'acme'"));
        Map<String, String> ran = changelog(ds);
        assertEquals("MARK_RAN", ran.get("workspace"));
        assertEquals("MARK_RAN", ran.get("service-state"));
        assertEquals("MARK_RAN", ran.get("sequences"));
        assertEquals("EXECUTED", ran.get("read-cursor-16000"));
        assertEquals("EXECUTED", ran.get("quartz-tables"));
        assertEquals("EXECUTED", ran.get("job-run-scheduled-at"));

        // the upgraded store takes what the entities write today: a 16,000-character cursor, a scheduled run
        EntityManagerFactory emf = entityManagers(ds, "validate");
        try {
            Store store = new Store(emf);
            store.run(em -> em.find(ServiceStateEntity.class, 1L).cursor = "d".repeat(16_000));
            Long runId = store.inTransaction(em -> {
                JobRunEntity run = em.find(JobRunEntity.class, 7L);
                JobRunEntity next = new JobRunEntity();
                next.workspace = run.workspace;
                next.registrationId = run.registrationId;
                next.productId = run.productId;
                next.jobId = run.jobId;
                next.trigger = "schedule";
                next.status = "RUNNING";
                next.startedAt = Instant.now();
                next.scheduledAt = Instant.now().minusSeconds(1);
                em.persist(next);
                return next.id;
            });
            assertNotNull(store.inTransaction(em -> em.find(JobRunEntity.class, runId).scheduledAt));
            assertEquals(16_000, store.inTransaction(em -> em.find(ServiceStateEntity.class, 1L).cursor.length()).intValue());
        } finally {
            emf.close();
        }
    }

    @Test
    public void newDatabaseGetsExactlyTheSchemaHibernateMakesFromTheEntities() throws Exception {
        DataSource migrated = newDatabase("migrated");
        new StoreSchema(migrated);
        entityManagers(migrated, "validate").close(); // Hibernate's own check: every entity's table and column is there

        DataSource made = newDatabase("hbm2ddl");
        entityManagers(made, "create-only").close();
        String expected = describe(made);
        assertTrue(expected, expected.contains("sequence FERRY_ACTION_SEQ increment 500")
                && expected.contains("column SCHEDULEDAT") && expected.contains("column NOTBEFORE"));
        assertEquals(expected, describe(migrated));
    }

    @Test
    public void migratingAgainChangesNothing() throws Exception {
        DataSource ds = newDatabase("twice");
        new StoreSchema(ds);
        Map<String, String> first = changelog(ds);
        String schema = describe(ds);
        new StoreSchema(ds);
        assertEquals(first, changelog(ds));
        assertEquals(schema, describe(ds));
        assertTrue("Quartz's tables are there: " + tables(ds), tables(ds).contains("FERRY_QRTZ_TRIGGERS"));
    }

    @Test
    public void theDataPathsPagesAreStoredAndReadBackByteForByte() throws Exception {
        DataSource ds = newDatabase("pages");
        new StoreSchema(ds);
        byte[] page = new byte[70_000];
        new java.util.Random(7).nextBytes(page);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CacheTable.append(c, 1L, "w", 1L, 3, page);
            ActionPageTable.append(c, 1L, "w", 1L, 3, page);
            c.commit();
            java.util.List<CacheTable.JournalPage> journal = CacheTable.journal(c, 1L);
            assertEquals(1, journal.size());
            org.junit.Assert.assertArrayEquals(page, journal.get(0).data());
            java.util.List<ActionPageTable.Page> pages = ActionPageTable.next(c, 1L, 0L, java.time.Instant.now(), 10);
            assertEquals(1, pages.size());
            org.junit.Assert.assertArrayEquals(page, pages.get(0).data());
            c.commit();
        }
    }

    @Test
    public void cachedValuesAreReplacedRemovedAndFoundByKeyHashPerService() throws Exception {
        DataSource ds = newDatabase("cache_values");
        new StoreSchema(ds);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            List<CacheValueTable.Change> page = new ArrayList<>();
            for (long h = 1; h <= 450; h++) { // more keys than one IN list holds
                page.add(new CacheValueTable.Change(h, "k" + h, new byte[]{(byte) h, 1}));
            }
            page.add(new CacheValueTable.Change(7, "k7", new byte[]{7, 2})); // changed again in the same page
            CacheValueTable.write(c, 1, "w", page);
            CacheValueTable.write(c, 2, "w", List.of(new CacheValueTable.Change(7, "other", new byte[]{9})));
            c.commit();
            assertFalse(CacheValueTable.any(c, 3));
            assertTrue(CacheValueTable.any(c, 1));

            List<Long> wanted = new ArrayList<>();
            for (long h = 0; h <= 451; h++) {
                wanted.add(h);
            }
            Map<Long, CacheValueTable.Value> found = CacheValueTable.find(c, 1, wanted);
            assertEquals(450, found.size());
            assertEquals("k7", found.get(7L).key());
            assertArrayEquals(new byte[]{7, 2}, found.get(7L).data());
            assertArrayEquals(new byte[]{9}, CacheValueTable.find(c, 2, List.of(7L)).get(7L).data());

            CacheValueTable.write(c, 1, "w", List.of(new CacheValueTable.Change(7, "k7", null),
                    new CacheValueTable.Change(8, "k8", new byte[]{8, 3})));
            c.commit();
            found = CacheValueTable.find(c, 1, List.of(7L, 8L));
            assertEquals(List.of(8L), List.copyOf(found.keySet()));
            assertArrayEquals(new byte[]{8, 3}, found.get(8L).data());

            CacheTable.clear(c, 1);
            c.commit();
            assertFalse(CacheValueTable.any(c, 1));
            assertTrue("another service's values stay", CacheValueTable.any(c, 2));
            c.commit();
        }
    }

    @Test
    public void anActionWaitingForARetryIsStoredAndFoundDueOnceItsTimeHasCome() throws Exception {
        DataSource ds = newDatabase("retry");
        new StoreSchema(ds);
        java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ActionTable.insert(c, "w", "w:p", "writer", 1L, java.util.List.of(new ActionTable.Closed("upsert", "7",
                    "{}", ActionEntity.RETRY, 1, "busy", "locked", "w:p/reader", at)));
            c.commit();
            assertEquals(0, ActionTable.due(c, "w:p", "writer", at.minusSeconds(1), 10).size());
            assertEquals("7", ActionTable.due(c, "w:p", "writer", at, 10).get(0).recordKey());
            c.commit();
        }
    }

    /** Migrations 007 and 008 name their columns as Hibernate does (unquoted): a query through the entities finds them. */
    @Test
    public void flowCopiesAndProductDraftsAreStoredAndFound() throws Exception {
        DataSource ds = newDatabase("builder");
        new StoreSchema(ds);
        EntityManagerFactory emf = entityManagers(ds, "validate");
        try {
            Store store = new Store(emf);
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            store.run(em -> {
                FlowCopyEntity c = new FlowCopyEntity();
                c.id = FlowCopyEntity.id("acme", "demo", "copy");
                c.workspace = "acme";
                c.productId = "demo";
                c.flowId = "copy";
                c.templateVersion = "1.0.0";
                c.template = "[]";
                c.stages = "[{\"map\": {\"a\": \"b\"}}]";
                c.edited = true;
                c.copiedAt = now;
                c.updatedAt = now;
                c.updatedBy = "admin";
                em.persist(c);
                ProductDraftEntity d = new ProductDraftEntity();
                d.id = ProductDraftEntity.id("demo", "1.0.0");
                d.productId = "demo";
                d.version = "1.0.0";
                d.descriptor = "{}";
                d.status = "draft";
                d.createdAt = now;
                d.updatedAt = now;
                em.persist(d);
            });
            List<FlowCopyEntity> copies = store.inTransaction(em -> FlowCopies.of(em, "acme", "demo"));
            assertEquals(1, copies.size());
            assertTrue(copies.get(0).edited);
            assertEquals(1, store.inTransaction(em -> em.createQuery("select d from ProductDraftEntity d"
                    + " where d.productId = :p order by d.createdAt", ProductDraftEntity.class)
                    .setParameter("p", "demo").getResultList()).size());
        } finally {
            emf.close();
        }
    }

    @Test
    public void runsAndActivityAreListedLatestFirstByWhatIsAsked() throws Exception {
        DataSource ds = newDatabase("queries");
        new StoreSchema(ds);
        EntityManagerFactory emf = entityManagers(ds, "validate");
        try {
            Store store = new Store(emf);
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            store.run(em -> {
                for (int i = 0; i < 6; i++) {
                    JobRunEntity r = new JobRunEntity();
                    r.workspace = i % 2 == 0 ? "acme" : "globex";
                    r.registrationId = r.workspace + ":demo";
                    r.productId = "demo";
                    r.jobId = i < 4 ? "sync" : "nightly";
                    r.trigger = "schedule";
                    r.status = i == 5 ? "RUNNING" : "SUCCEEDED";
                    r.startedAt = t0.plusSeconds(i);
                    em.persist(r);
                    ActivityEntity a = new ActivityEntity();
                    a.at = t0.plusSeconds(60L * i);
                    a.actor = i < 3 ? "admin" : "scheduler";
                    a.action = "job-run.finished";
                    a.productId = "demo";
                    a.workspace = r.workspace;
                    a.summary = "run " + i;
                    em.persist(a);
                }
            });
            List<Instant> acme = store.inTransaction(em -> JobRuns.latest(em, "acme:demo", null, null, 10, null))
                    .stream().map(r -> r.startedAt).toList();
            assertEquals(List.of(t0.plusSeconds(4), t0.plusSeconds(2), t0.plusSeconds(0)), acme);
            assertEquals(1, store.inTransaction(em -> JobRuns.latest(em, null, "globex", "nightly", 10, null)).size());
            assertEquals(2, store.inTransaction(em -> JobRuns.latest(em, null, null, null, 2, null)).size());
            assertEquals(1, store.inTransaction(em -> JobRuns.endRunning(em, "RUNNING", "INTERRUPTED", "stopped", t0)).intValue());
            assertEquals("INTERRUPTED", store.inTransaction(em -> JobRuns.latest(em, "globex:demo", null, "nightly", 1, null))
                    .get(0).status);

            List<String> window = store.inTransaction(em -> Activities.latest(em, "demo", null, "scheduler",
                    t0.plusSeconds(180), t0.plusSeconds(300), 10, null)).stream().map(a -> a.summary).toList();
            assertEquals(List.of("run 4", "run 3"), window); // since inclusive, until exclusive
            assertEquals(3, store.inTransaction(em -> Activities.latest(em, null, "acme", null, null, null, 10, null)).size());
        } finally {
            emf.close();
        }
    }

    /** Ferry's tables (not Quartz's or Liquibase's), their columns, keys, indexes, and the sequences, as text. */
    /** Tables the data path reads and writes with plain JDBC: no entity describes them. */
    private static final java.util.Set<String> DATA_PATH_TABLES =
            java.util.Set.of("FERRY_CACHE_SEGMENT", "FERRY_CACHE_JOURNAL", "FERRY_CACHE_VALUE", "FERRY_ACTION_PAGE");

    private String describe(DataSource ds) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String schema = c.getSchema();
            for (String table : tables(ds)) {
                if (!table.startsWith("FERRY_") || table.startsWith("FERRY_QRTZ_") || DATA_PATH_TABLES.contains(table)) {
                    continue;
                }
                String t = md.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
                out.append("table ").append(table).append('\n');
                Map<String, String> columns = new TreeMap<>();
                try (ResultSet rs = md.getColumns(null, schema, t, "%")) {
                    while (rs.next()) {
                        String type = rs.getString("TYPE_NAME");
                        columns.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), type
                                + (type.toLowerCase(Locale.ROOT).contains("char") ? "(" + rs.getInt("COLUMN_SIZE") + ")" : "")
                                + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : ""));
                    }
                }
                columns.forEach((name, type) -> out.append("  column ").append(name).append(' ').append(type).append('\n'));
                Map<Integer, String> pk = new TreeMap<>();
                try (ResultSet rs = md.getPrimaryKeys(null, schema, t)) {
                    while (rs.next()) {
                        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
                out.append("  primary key ").append(pk.values()).append('\n');
                Map<String, List<String>> indexes = new TreeMap<>();
                try (ResultSet rs = md.getIndexInfo(null, schema, t, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        if (name == null || name.matches("(?i)SQL\\d+|.*_pkey")) {
                            continue; // Derby names the indexes behind keys itself; PostgreSQL's primary key index
                        }
                        indexes.computeIfAbsent((rs.getBoolean("NON_UNIQUE") ? "index " : "unique index ")
                                + name.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(upper(rs, "COLUMN_NAME"));
                    }
                }
                indexes.forEach((name, cols) -> out.append("  ").append(name).append(' ').append(cols).append('\n'));
                TreeSet<String> fks = new TreeSet<>();
                try (ResultSet rs = md.getImportedKeys(null, schema, t)) {
                    while (rs.next()) {
                        fks.add("foreign key " + upper(rs, "FK_NAME") + " " + upper(rs, "FKCOLUMN_NAME") + " -> "
                                + upper(rs, "PKTABLE_NAME") + "." + upper(rs, "PKCOLUMN_NAME"));
                    }
                }
                fks.forEach(fk -> out.append("  ").append(fk).append('\n'));
            }
            sequences(c).forEach((name, def) -> out.append("sequence ").append(name).append(' ').append(def).append('\n'));
        }
        return out.toString();
    }

    private static String upper(ResultSet rs, String column) throws SQLException {
        return rs.getString(column).toUpperCase(Locale.ROOT);
    }

    private static TreeSet<String> tables(DataSource ds) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static int columnSize(DataSource ds, String table, String column) throws SQLException {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            boolean lower = md.storesLowerCaseIdentifiers();
            try (ResultSet rs = md.getColumns(null, c.getSchema(), lower ? table.toLowerCase(Locale.ROOT) : table,
                    lower ? column.toLowerCase(Locale.ROOT) : column)) {
                assertTrue(table + "." + column + " exists", rs.next());
                return rs.getInt("COLUMN_SIZE");
            }
        }
    }

    /** Each changeset's id and how it ended (EXECUTED, MARK_RAN). */
    private static Map<String, String> changelog(DataSource ds) throws SQLException {
        Map<String, String> ran = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, exectype from DATABASECHANGELOG order by orderexecuted")) {
            while (rs.next()) {
                ran.put(rs.getString(1), rs.getString(2));
            }
        }
        return ran;
    }

    private static String queryString(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(sql, rs.next());
            return rs.getString(1);
        }
    }

    static EntityManagerFactory entityManagers(DataSource ds, String hbm2ddl) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("javax.persistence.nonJtaDataSource", ds);
        props.put("hibernate.hbm2ddl.auto", hbm2ddl);
        return Persistence.createEntityManagerFactory("ferry", props);
    }

    static String read(String resource) throws IOException {
        try (InputStream in = StoreSchemaContract.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(resource, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The statements of an SQL script: {@code --} comments dropped, split at semicolons. */
    static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        script.lines().filter(l -> !l.trim().startsWith("--")).forEach(l -> sql.append(l).append('\n'));
        List<String> out = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            if (!statement.isBlank()) {
                out.add(statement.trim());
            }
        }
        return out;
    }
}
