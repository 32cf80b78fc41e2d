package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ferry's data path on a real registration of product {@code bench-sync}: the PostgreSQL source table read in
 * full and kept in MariaDB table {@value TargetTables#FERRY}. Four runs of its job, each started over REST and
 * timed by the run's own startedAt and finishedAt: the full sync, re-syncs with nothing changed (four, the median
 * judged), a sync after
 * 1 % of the rows were updated, one after 1 % were deleted. The target is checked against the source after each.
 * Before any of them, a warm-up like the hand-written copy's trial copies: a full sync and a re-sync of a tenth of the
 * rows, in a registration of its own, so that the timed runs measure Ferry rather than the JIT compiling it. After
 * them, the same full sync on a tenth of the rows in five more registrations of their own: whether time grows
 * linearly (the median of the three, each a few seconds, against the one full sync). Last,
 * the full sync of all rows once more through product {@value #PRODUCT_STAGES}, whose flow has five stages (two
 * filters, three maps, in simple and jq) that leave each row as it was: what stages cost; and through product
 * {@value #PRODUCT_LOOKUP}, whose job reads the table twice, the first time into a cache that keeps the rows' values,
 * and whose flow takes two fields of each row from there by a lookup: what lookups cost at scale.
 */
final class FullSyncBench {

    static final String WORKSPACE = "bench";
    static final String WORKSPACE_TENTH = "bench-tenth-";
    static final String PRODUCT = "bench-sync";
    static final String PRODUCT_STAGES = "bench-stages";
    static final String WORKSPACE_STAGES = "bench-stages";
    static final String PRODUCT_LOOKUP = "bench-lookup";
    static final String WORKSPACE_LOOKUP = "bench-lookup";
    static final String JOB = "sync";

    private FullSyncBench() {
    }

    static void run(FerryApi api, FerryInstance ferry, long rows, double limitRowsPerSecond, Results results) {
        long tenthRows = SourceTable.tenth(rows);
        warmUp(api, tenthRows);
        String registration = register(api, WORKSPACE, PRODUCT, SourceTable.TABLE, TargetTables.FERRY);
        boolean contentOk = true;

        JobRuns.Finished full;
        try (HeapSampler heap = HeapSampler.start(ferry.process().pid())) {
            full = JobRuns.run(api, registration, JOB, rows, "full sync");
            results.put("ferry_peak_heap_mib", heap.peakMib());
        }
        contentOk &= check("full sync");
        results.put("ferry_full_rows_per_s", rows / full.seconds());
        results.put("ferry_full_s", full.seconds());
        results.put("ferry_full_vs_limit", (rows / full.seconds()) / limitRowsPerSecond);

        // a re-sync of a million unchanged rows takes a second or so, which the machine's noise moves by a fifth from
        // one run to the next: four, and the median is judged (the first is shown too); none may write to the target
        TargetTables.countWrites(TargetTables.FERRY);
        JobRuns.Finished resync;
        double[] resyncs = new double[4];
        long writes;
        try {
            resync = JobRuns.run(api, registration, JOB, rows, "re-sync");
            resyncs[0] = resync.seconds();
            for (int i = 1; i < resyncs.length; i++) {
                resyncs[i] = JobRuns.run(api, registration, JOB, rows, "re-sync " + (i + 1)).seconds();
            }
            writes = TargetTables.writesCounted();
        } finally {
            TargetTables.stopCountingWrites(TargetTables.FERRY);
        }
        double[] sorted = resyncs.clone();
        java.util.Arrays.sort(sorted);
        double median = (sorted[1] + sorted[2]) / 2;
        results.put("ferry_resync_first_vs_full", resync.seconds() / full.seconds());
        results.put("ferry_resync_first_s", resync.seconds());
        results.put("ferry_resync_s", median);
        results.put("ferry_resync_vs_full", median / full.seconds());
        results.put("ferry_resync_target_writes", writes);
        results.put("ferry_resync_actions", resync.actionsSucceeded() + resync.actionsFailed());

        long onePercent = rows / 100;
        long updated = SourceTable.update(onePercent);
        Progress.say("updated %,d source rows", updated);
        JobRuns.Finished changed = JobRuns.run(api, registration, JOB, rows, "1 % updated");
        contentOk &= check("1 % updated");
        results.put("ferry_1pct_s", changed.seconds());
        results.put("ferry_1pct_vs_full", changed.seconds() / full.seconds());
        results.put("ferry_1pct_updated_seen", changed.updated());

        long deleted = SourceTable.delete(onePercent);
        Progress.say("deleted %,d source rows", deleted);
        JobRuns.Finished afterDelete = JobRuns.run(api, registration, JOB, rows, "1 % deleted");
        TableComparison afterDeletes = TableComparison.of(TargetTables.FERRY);
        report("1 % deleted", afterDeletes);
        contentOk &= afterDeletes.sameContent();
        results.put("ferry_1pct_delete_s", afterDelete.seconds());
        results.put("ferry_1pct_delete_ok", afterDeletes.sameIds());
        results.put("ferry_1pct_deleted_seen", afterDelete.deleted());
        results.put("ferry_target_content_ok", contentOk);

        // the same sync on a tenth of the rows, five times (each a registration and target of its own), the median
        // judged: a run of a few seconds is at the mercy of the machine's noise; time a row should not depend on the rows
        double[] tenths = new double[TargetTables.TENTHS - 1];
        for (int n = 1; n < TargetTables.TENTHS; n++) {
            tenths[n - 1] = tenthFullSync(api, n, tenthRows, "a tenth of the rows, " + n + " of " + tenths.length).seconds();
        }
        java.util.Arrays.sort(tenths);
        double tenth = tenths[tenths.length / 2];
        results.put("ferry_tenth_rows_per_s", tenthRows / tenth);
        results.put("ferry_tenth_s", tenth);
        results.put("ferry_time_a_row_full_vs_tenth", (full.seconds() / rows) / (tenth / tenthRows));

        // all rows again, through a flow of five stages that change nothing: rows/s against the full sync's
        long sourceRows = rows - deleted;
        String stagesRegistration = register(api, WORKSPACE_STAGES, PRODUCT_STAGES, SourceTable.TABLE, TargetTables.FERRY_STAGES);
        JobRuns.Finished staged = JobRuns.run(api, stagesRegistration, JOB, sourceRows, "five flow stages");
        TableComparison stagedContent = TableComparison.of(TargetTables.FERRY_STAGES);
        report("five flow stages", stagedContent);
        results.put("ferry_5stage_rows_per_s", sourceRows / staged.seconds());
        results.put("ferry_5stage_vs_none", (sourceRows / staged.seconds()) / (rows / full.seconds()));
        results.put("ferry_5stage_content_ok", stagedContent.sameContent() && staged.inserted() == sourceRows);

        // all rows again, the job reading the table twice: first into a cache that keeps values, then through a flow
        // whose lookup takes each row's email and city from that cache by id
        String lookupRegistration = register(api, WORKSPACE_LOOKUP, PRODUCT_LOOKUP, SourceTable.TABLE, TargetTables.FERRY_LOOKUP);
        JobRuns.Finished looked = JobRuns.run(api, lookupRegistration, JOB, 2 * sourceRows, "a lookup");
        TableComparison lookedContent = TableComparison.of(TargetTables.FERRY_LOOKUP);
        report("a lookup", lookedContent);
        results.put("ferry_lookup_rows_per_s", sourceRows / looked.seconds());
        results.put("ferry_lookup_vs_none", (sourceRows / looked.seconds()) / (rows / full.seconds()));
        results.put("ferry_lookup_content_ok", lookedContent.sameContent() && looked.inserted() == 2 * sourceRows
                && looked.actionsSucceeded() == sourceRows);
    }

    /**
     * A full sync and a re-sync of a tenth of the rows, untimed, before the timed runs: the hand-written copy is timed
     * after trial copies, and so is Ferry, after its JIT has compiled the paths a sync and a re-sync take.
     */
    private static void warmUp(FerryApi api, long tenthRows) {
        String registration = tenthFullSync(api, 0, tenthRows, "warm-up").registration();
        JobRuns.Finished again = JobRuns.run(api, registration, JOB, tenthRows, "warm-up re-sync");
        if (again.unchanged() != tenthRows) {
            throw new BenchFailure("the warm-up re-sync found " + again.unchanged() + " of " + tenthRows + " rows unchanged");
        }
    }

    /** A registration of its own for tenth-of-the-rows sync {@code n}, and its full sync. */
    private static Tenth tenthFullSync(FerryApi api, int n, long tenthRows, String label) {
        String registration = register(api, WORKSPACE_TENTH + n, PRODUCT, SourceTable.TENTH, TargetTables.tenth(n));
        JobRuns.Finished run = JobRuns.run(api, registration, JOB, tenthRows, label);
        if (run.inserted() != tenthRows) {
            throw new BenchFailure("the " + label + " sync of a tenth of the rows inserted " + run.inserted() + " of " + tenthRows);
        }
        return new Tenth(registration, run.seconds());
    }

    private record Tenth(String registration, double seconds) {
    }

    /** Registers a bench product to a new workspace, from a source table to a target table; its id. */
    private static String register(FerryApi api, String workspace, String product, String sourceTable, String targetTable) {
        api.postOk("workspaces", Map.of("name", workspace, "type", "standard", "description", "the bench's table sync"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sourceUrl", Databases.postgresUrl(Databases.SOURCE_DB));
        config.put("sourceUser", Databases.POSTGRES_USER);
        config.put("sourceTable", sourceTable);
        config.put("targetUrl", Databases.mariadbUrl(Databases.TARGET_DB));
        config.put("targetUser", Databases.MARIADB_USER);
        config.put("targetTable", targetTable);
        JsonNode registered = api.postOk("registrations", Map.of("product", product, "workspace", workspace, "config", config));
        RegistrationBench.requireRunning(registered);
        String registration = registered.path("id").asText();
        checkConnections(api, registration);
        return registration;
    }

    /** Whether the target has the source's rows and values after a run (a figure, not a failure). */
    private static boolean check(String label) {
        TableComparison c = TableComparison.of(TargetTables.FERRY);
        report(label, c);
        return c.sameContent();
    }

    private static void report(String label, TableComparison c) {
        Progress.say("%s: target has %,d rows, source %,d; ids %s, %,d rows differ%s", label, c.targetRows(),
                c.sourceRows(), c.sameIds() ? "match" : "DIFFER", c.differentRows(),
                c.firstDifference() == null ? "" : " (first: " + c.firstDifference() + ")");
    }

    private static void checkConnections(FerryApi api, String registration) {
        for (JsonNode check : api.get("registrations/" + registration + "/connections")) {
            if (!check.path("ok").asBoolean()) {
                throw new BenchFailure("registration " + registration + ": service " + check.path("service").asText()
                        + " cannot reach its database: " + check.path("message").asText());
            }
            Progress.say("%s: %s", check.path("service").asText(), check.path("message").asText());
        }
    }
}
