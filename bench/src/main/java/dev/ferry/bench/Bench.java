package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark, end to end in one run so its ratios hold on a noisy machine: the source table, the JDBC limit,
 * the Camel baseline, then the built distribution started afresh for Ferry's figures. Exits 0 with figures
 * whatever they are; 1 when the bench itself broke; 2 on a bad command line.
 */
public final class Bench {

    /** What the distribution brings: loaded, it has started. */
    static final Set<String> SHIPPED_PRODUCTS = Set.of("customer-sync-demo");
    static final Set<String> BENCH_PRODUCTS = Set.of(FullSyncBench.PRODUCT, FullSyncBench.PRODUCT_STAGES,
            FullSyncBench.PRODUCT_LOOKUP, RegistrationBench.PRODUCT);
    static final Duration STARTUP_LIMIT = Duration.ofMinutes(5);
    /** A first boot takes about 20 s here; one that has not answered in 2 minutes has hung. */
    static final Duration FIRST_BOOT_LIMIT = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final Path benchDir;
    private final Path distribution;
    private final Results results = new Results();
    private FerryInstance ferry;

    private Bench(BenchOptions options, Path benchDir, Path distribution) {
        this.options = options;
        this.benchDir = benchDir;
        this.distribution = distribution;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().isEmpty();
            if (!help) {
                System.err.println(e.getMessage());
            }
            (help ? System.out : System.err).println(BenchOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        Path benchDir = Path.of(System.getProperty("bench.dir", "bench")).toAbsolutePath().normalize();
        Path distribution = Path.of(System.getProperty("ferry.distribution", "")).toAbsolutePath();
        Bench bench = new Bench(options, benchDir, distribution);
        try {
            bench.run();
            System.exit(0);
        } catch (RuntimeException e) {
            if (bench.results.measuredAnything()) {
                System.out.println();
                System.out.print(bench.results.table());
            }
            System.err.println();
            if (e instanceof BenchFailure) {
                System.err.println("bench failed: " + e.getMessage());
            } else {
                System.err.print("bench failed unexpectedly: ");
                e.printStackTrace();
            }
            bench.printFerryErrors();
            System.exit(1);
        }
    }

    private void run() {
        Progress.say("bench: %,d rows, %,d registrations, Ferry's store in %s, schedules watched %d s", options.rows(),
                options.registrations(), options.store(), options.observe().toSeconds());
        List<Path> products = productBundles();
        Databases.checkReachable();
        results.put("store", options.store());
        results.put("rows", options.rows());
        results.put("registrations", options.registrations());

        long t = System.nanoTime();
        SourceTable.create(options.rows());
        TargetTables.createAll();
        Progress.say("source table %s: %,d rows made in %.1f s", SourceTable.TABLE, options.rows(), (System.nanoTime() - t) / 1e9);

        double limit = limit();
        camel();
        runFerry(products, limit);

        System.out.println();
        System.out.print(results.table());
        System.out.printf("%nFerry's rows/s: rows / (the run's finishedAt - startedAt). Heap: used, not committed (jstat -gc"
                        + " every %d ms), the JVM's maximum being %,.0f MiB.%nSchedule lag by %s: %s samples, %s scheduled runs"
                        + " watched for %s s after the last registration.%n", HeapSampler.INTERVAL_MS,
                (Double) results.get("ferry_max_heap_mib"), results.get("fire_lag_method"), results.get("fire_lag_samples"),
                results.get("fire_runs"), results.get("fire_observe_s"));
        Path json = benchDir.resolve("results/latest.json");
        results.write(json);
        System.out.println();
        System.out.println("written to " + json);
    }

    private double limit() {
        Progress.say("limit: hand-written JDBC copy, PostgreSQL to MariaDB");
        LimitCopy.Result limit = LimitCopy.run(options.rows());
        requireCopied("the JDBC copy", TargetTables.LIMIT);
        Progress.say("limit: %,.0f rows/s (%,d rows in %.1f s, %,d rows a statement)", limit.rowsPerSecond(),
                limit.rows(), limit.seconds(), limit.batchRows());
        results.put("limit_rows_per_s", limit.rowsPerSecond());
        Map<String, Double> trials = new LinkedHashMap<>();
        for (int i = 0; i < LimitCopy.BATCH_CANDIDATES.length; i++) {
            trials.put(String.valueOf(LimitCopy.BATCH_CANDIDATES[i]), Math.round(limit.trials()[i] * 10) / 10.0);
        }
        results.put("limit_batch_rows", limit.batchRows());
        results.put("limit_trial_rows", limit.trialRows());
        results.put("limit_trial_rows_per_s", trials);
        return limit.rowsPerSecond();
    }

    private void camel() {
        Progress.say("camel: the same copy as a plain Camel %s route with camel-sql, in a JVM of its own",
                org.apache.camel.CamelContext.class.getPackage().getImplementationVersion());
        double seconds = CamelCopy.runInOwnJvm(options.rows());
        requireCopied("the Camel copy", TargetTables.CAMEL);
        Progress.say("camel: %,.0f rows/s (%.1f s)", options.rows() / seconds, seconds);
        results.put("camel_rows_per_s", options.rows() / seconds);
        results.put("camel_batch_rows", CamelCopy.BATCH);
    }

    private void runFerry(List<Path> products, double limit) {
        Path work = benchDir.resolve("target/bench-run");
        ferry = FerryInstance.unpack(distribution, work.resolve("ferry"));
        FerryInstance.deleteTree(work.resolve("small"));
        if (options.store().equals("postgresql")) {
            Databases.recreatePostgres(Databases.STORE_DB);
            ferry.storeInPostgres(Databases.STORE_DB);
            Progress.say("Ferry's store: PostgreSQL database %s", Databases.STORE_DB);
        }
        FerryApi api = new FerryApi(ferry.api(), "admin", "admin");
        Thread stopOnExit = new Thread(() -> ferry.stop(), "stop-ferry");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try (KarafLock lock = KarafLock.acquire(options.karafLock())) {
            try {
                Progress.say("starting Ferry in %s", ferry.home());
                long start = System.nanoTime();
                ferry.start();
                double coldStart;
                try {
                    coldStart = awaitProducts(api, SHIPPED_PRODUCTS, start, FIRST_BOOT_LIMIT);
                } catch (BenchFailure hung) {
                    // now and then Karaf's first boot hangs while it refreshes bundles: a fresh copy once more
                    Progress.say("%s; booting a fresh copy once more", hung.getMessage());
                    ferry.stop();
                    ferry = FerryInstance.unpack(distribution, work.resolve("ferry"));
                    if (options.store().equals("postgresql")) {
                        Databases.recreatePostgres(Databases.STORE_DB);
                        ferry.storeInPostgres(Databases.STORE_DB);
                    }
                    start = System.nanoTime();
                    ferry.start();
                    coldStart = awaitProducts(api, SHIPPED_PRODUCTS, start, STARTUP_LIMIT);
                }
                long pid = ferry.process().pid();
                Progress.say("Ferry (pid %d) answers with its products loaded after %.1f s", pid, coldStart);
                results.put("cold_start_s", coldStart);
                results.put("ferry_max_heap_mib", HeapSampler.maxHeapMib(pid));

                long deployed = System.nanoTime();
                products.forEach(ferry::deploy);
                Progress.say("bench products in deploy/ loaded after %.1f s",
                        awaitProducts(api, BENCH_PRODUCTS, deployed, STARTUP_LIMIT));

                FullSyncBench.run(api, ferry, options.rows(), limit, results);
                RegistrationBench.run(api, ferry, options.registrations(), options.observe(), work.resolve("small"), results);
                RolloutBench.run(api, ferry, products.stream().filter(p -> p.getFileName().toString()
                        .equals("ferry-bench-product-small.jar")).findFirst().orElseThrow(), work.resolve("rollout"),
                        options.registrations(), results);
            } finally {
                Progress.say("stopping Ferry");
                ferry.stop();
            }
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        if (options.store().equals("postgresql")) {
            Databases.dropPostgres(Databases.STORE_DB);
        }
        results.put("ferry_rate_from", "run startedAt/finishedAt");
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("finished_at", Instant.now().toString());
    }

    /** Seconds from {@code start} until GET /products answers 200 with {@code products} loaded. */
    private double awaitProducts(FerryApi api, Set<String> products, long start, Duration limit) {
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            FerryApi.Answer answer = api.tryGet("products", Duration.ofSeconds(5));
            if (answer.status() == 200) {
                Set<String> loaded = new HashSet<>();
                for (JsonNode product : answer.body()) {
                    if (product.path("available").asBoolean()) {
                        loaded.add(product.path("id").asText());
                    }
                }
                if (loaded.containsAll(products)) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            JobRuns.sleep(Duration.ofMillis(200));
        }
        throw new BenchFailure("Ferry did not answer with products " + products + " loaded within "
                + limit.toSeconds() + " s; see " + ferry.log());
    }

    private List<Path> productBundles() {
        if (!Files.isRegularFile(distribution)) {
            throw new BenchFailure("no distribution at '" + distribution + "': run mvn -B install -DskipTests first");
        }
        List<Path> bundles = Stream.of("ferry-bench-product-sync.jar", "ferry-bench-product-stages.jar",
                        "ferry-bench-product-lookup.jar", "ferry-bench-product-small.jar")
                .map(name -> benchDir.resolve("target/products").resolve(name)).toList();
        for (Path bundle : bundles) {
            if (!Files.isRegularFile(bundle)) {
                throw new BenchFailure("no bench product bundle at " + bundle + ": run mvn -B install -DskipTests first");
            }
        }
        return bundles;
    }

    private static void requireCopied(String what, String table) {
        TableComparison c = TableComparison.of(table);
        if (!c.sameContent()) {
            throw new BenchFailure(what + " left " + table + " unlike the source: " + c.targetRows() + " rows of "
                    + c.sourceRows() + ", " + c.differentRows() + " differ (first: " + c.firstDifference() + ")");
        }
    }

    /** The last errors in karaf.log, when Ferry ran: the likely reason a step broke. */
    private void printFerryErrors() {
        if (ferry == null || !Files.exists(ferry.log())) {
            return;
        }
        try (Stream<String> lines = Files.lines(ferry.log())) {
            List<String> errors = lines.filter(l -> l.contains("| ERROR |")).toList();
            if (!errors.isEmpty()) {
                System.err.println("last errors in " + ferry.log() + ":");
                errors.subList(Math.max(0, errors.size() - 10), errors.size()).forEach(l -> System.err.println("  " + l));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("(could not read " + ferry.log() + ": " + e + ")");
        }
    }
}
