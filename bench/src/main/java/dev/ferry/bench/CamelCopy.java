package dev.ferry.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The Camel baseline: what an engineer would write instead of Ferry to move the table, a plain Camel 4 route with
 * camel-sql and HikariCP in a JVM of its own. The select streams its rows ({@code outputType=StreamList}) into a
 * streaming split; an aggregator groups them by {@value #BATCH}; each group is one JDBC batch of upserts.
 * Idiomatic defaults, no tuning beyond the streaming read.
 */
public final class CamelCopy {

    static final int BATCH = 1000;
    private static final String RESULT = "camel copy seconds: ";

    private CamelCopy() {
    }

    /**
     * Runs in the child JVM: copies the source ({@code args[0]} rows) into {@value TargetTables#CAMEL} and prints
     * the seconds it took, until the last group was written: the aggregator sends its groups on a thread of its
     * own, so the copy ends after the split does.
     */
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        try (HikariDataSource source = pool(Databases.postgresUrl(Databases.SOURCE_DB), Databases.POSTGRES_USER, false);
             HikariDataSource target = pool(Databases.mariadbUrl(Databases.TARGET_DB), Databases.MARIADB_USER, true);
             CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("source", source);
            camel.getRegistry().bind("target", target);
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            camel.addRoutes(route(written, failure));
            camel.start();
            long start = System.nanoTime();
            camel.createProducerTemplate().sendBody("direct:copy", null);
            while (written.get() < rows && failure.get() == null) {
                Thread.sleep(1);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the route failed", failure.get());
            }
            System.out.println(RESULT + (System.nanoTime() - start) / 1e9);
        }
    }

    static RouteBuilder route(AtomicLong written, AtomicReference<Throwable> failure) {
        String params = Arrays.stream(Column.values()).map(c -> ":#" + c.name).collect(Collectors.joining(", "));
        String update = Arrays.stream(Column.values()).skip(1).map(c -> c.name + " = VALUES(" + c.name + ")")
                .collect(Collectors.joining(", "));
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).process(e -> failure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                from("direct:copy")
                        .to("sql:SELECT " + Column.names() + " FROM " + SourceTable.TABLE + " ORDER BY id"
                                + "?dataSource=#source&outputType=StreamList&template.fetchSize=" + BATCH)
                        .split(body()).streaming()
                            .aggregate(constant(true), new GroupedBodyAggregationStrategy())
                                .completionSize(BATCH)
                                .completionPredicate(exchangeProperty(Exchange.SPLIT_COMPLETE))
                                .eagerCheckCompletion()
                                .to("sql:INSERT INTO " + TargetTables.CAMEL + " (" + Column.names() + ") VALUES ("
                                        + params + ") ON DUPLICATE KEY UPDATE " + update
                                        + "?dataSource=#target&batch=true")
                                .process(e -> written.addAndGet(e.getProperty(Exchange.AGGREGATED_SIZE, Integer.class)))
                            .end()
                        .end();
            }
        };
    }

    /** The source pool reads with autocommit off: PostgreSQL streams a result only inside a transaction. */
    private static HikariDataSource pool(String url, String user, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setAutoCommit(autoCommit);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Runs the copy in a JVM of its own (the bench's classpath) and returns the seconds the route took. */
    static double runInOwnJvm(long rows) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CamelCopy.class.getName(), String.valueOf(rows));
        long timeoutSeconds = 300 + rows / 500;
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            AtomicReference<Double> seconds = new AtomicReference<>();
            Thread output = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith(RESULT)) {
                            seconds.set(Double.parseDouble(line.substring(RESULT.length()).trim()));
                        } else {
                            System.out.println("  camel| " + line);
                        }
                    }
                } catch (IOException e) {
                    System.out.println("  camel| (output lost: " + e + ")");
                }
            }, "camel-copy-output");
            output.start();
            if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new BenchFailure("the Camel copy did not end within " + timeoutSeconds + " s");
            }
            output.join(10_000);
            if (child.exitValue() != 0 || seconds.get() == null) {
                throw new BenchFailure("the Camel copy failed (exit " + child.exitValue() + "; its output is above)");
            }
            return seconds.get();
        } catch (IOException e) {
            throw new BenchFailure("starting the Camel copy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while the Camel copy ran");
        }
    }
}
