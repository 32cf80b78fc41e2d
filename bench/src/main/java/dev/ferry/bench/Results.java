package dev.ferry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The figures of one bench run, in the order they are measured, with the targets: printed as a table and
 * written as JSON. A figure never fails the bench; it meets its target or misses it.
 */
final class Results {

    /** Used heap after GC is judged only with this many registrations or more (the setting). */
    static final int HEAP_TARGET_REGISTRATIONS = 1_000;

    /** A line of the table; {@code target} null when the figure has none. */
    private record Line(String key, String label, String target, Predicate<Object> meets) {
        Line(String key, String label) {
            this(key, label, null, null);
        }
    }

    private static final List<Line> LINES = List.of(
            new Line("store", "Ferry's own store"),
            new Line("rows", "rows in the source table"),
            new Line("limit_rows_per_s", "hand-written JDBC copy, rows/s"),
            new Line("camel_rows_per_s", "plain Camel route, rows/s"),
            new Line("ferry_full_rows_per_s", "Ferry full sync, rows/s"),
            new Line("ferry_full_vs_limit", "Ferry full sync / JDBC copy", ">= 0.5", v -> number(v) >= 0.5),
            new Line("ferry_resync_vs_full", "re-sync, nothing changed (median of 4): time / full", "<= 0.1",
                    v -> number(v) <= 0.1),
            new Line("ferry_resync_first_vs_full", "the first of those re-syncs: time / full"),
            new Line("ferry_resync_target_writes", "rows written to the target by the re-syncs", "0", v -> number(v) == 0),
            new Line("ferry_1pct_vs_full", "1 % of rows updated: time / full", "<= 0.15", v -> number(v) <= 0.15),
            new Line("ferry_1pct_delete_ok", "1 % deleted: target has the source's ids", "true", Boolean.TRUE::equals),
            new Line("ferry_target_content_ok", "target has the source's values after each run", "true", Boolean.TRUE::equals),
            new Line("ferry_time_a_row_full_vs_tenth", "time a row, all rows / a tenth of them", "0.85 to 1.15",
                    v -> number(v) >= 0.85 && number(v) <= 1.15),
            new Line("ferry_5stage_vs_none", "five flow stages: rows/s / full sync's"),
            new Line("ferry_5stage_content_ok", "five flow stages: target has the source's values", "true", Boolean.TRUE::equals),
            new Line("ferry_lookup_vs_none", "a lookup (table read twice): rows/s / full sync's"),
            new Line("ferry_lookup_content_ok", "a lookup: target has the source's values", "true", Boolean.TRUE::equals),
            new Line("ferry_peak_heap_mib", "peak used heap in the full sync, MiB", "<= 512", v -> number(v) <= 512),
            new Line("cold_start_s", "cold start to REST with its product loaded, s"),
            new Line("registrations", "registrations of the 3-service product"),
            new Line("register_p50_ms", "POST /registrations p50, ms"),
            new Line("register_p99_ms", "POST /registrations p99, ms", "<= 100", v -> number(v) <= 100),
            new Line("fire_lag_p99_ms", "scheduled run start lag p99, ms", "<= 1000", v -> number(v) <= 1000),
            new Line("list_registrations_p50_ms", "GET /registrations (all of them) p50, ms"),
            new Line("list_registrations_p99_ms", "GET /registrations (all of them) p99, ms"),
            new Line("scheduled_run_p50_ms", "scheduled run's own time p50, ms"),
            new Line("scheduled_run_p99_ms", "scheduled run's own time p99, ms"),
            new Line("heap_after_gc_mib", "used heap after GC, registrations loaded, MiB", "<= 1024 at 1,000 reg.",
                    v -> number(v) <= 1024),
            new Line("rollout_s", "rollout of all of them to a new version, s", "<= 60 at 1,000 reg.",
                    v -> number(v) <= 60),
            new Line("rollout_per_registration_ms", "rollout, per registration, ms"),
            new Line("entry_point_ms", "GET /products/{id}/registrations of them all, ms"));

    private static final Set<String> SETTING = Set.of("store", "rows", "registrations");

    private final Map<String, Object> figures = new LinkedHashMap<>();

    void put(String key, Object value) {
        figures.put(key, value instanceof Double d ? round(d) : value);
    }

    Object get(String key) {
        return figures.get(key);
    }

    /** Whether anything beyond the setting was measured. */
    boolean measuredAnything() {
        return figures.keySet().stream().anyMatch(k -> !SETTING.contains(k));
    }

    /** Whether a figure meets its target: null when it has none, was not measured, or is not judged at this size. */
    Boolean meets(String key) {
        Line line = LINES.stream().filter(l -> l.key().equals(key)).findFirst().orElse(null);
        Object value = figures.get(key);
        if (line == null || line.meets() == null || value == null
                || (value instanceof Double d && d.isNaN())) {
            return null;
        }
        if ((key.equals("heap_after_gc_mib") || key.equals("rollout_s"))
                && number(figures.getOrDefault("registrations", 0)) < HEAP_TARGET_REGISTRATIONS) {
            return null;
        }
        return line.meets().test(value);
    }

    String table() {
        StringBuilder s = new StringBuilder();
        String format = "%-48s %14s   %-22s %s%n";
        s.append(String.format(format, "figure", "value", "target", ""));
        s.append("-".repeat(96)).append('\n');
        for (Line line : LINES) {
            Object value = figures.get(line.key());
            Boolean meets = meets(line.key());
            String verdict = line.target() == null ? "" : meets == null ? (value == null ? "" : "(not judged here)")
                    : meets ? "meets" : "MISSES";
            s.append(String.format(format, line.label(), value == null ? "-" : show(value),
                    line.target() == null ? "" : line.target(), verdict));
        }
        return s.toString();
    }

    /** Writes every figure (and the targets and verdicts) as JSON. */
    void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        figures.forEach((k, v) -> json.put(k, v instanceof Double d && d.isNaN() ? null : v));
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        for (Line line : LINES) {
            if (line.target() != null) {
                targets.put(line.key(), line.target());
                verdicts.put(line.key(), meets(line.key()));
            }
        }
        json.put("targets", targets);
        json.put("meets", verdicts);
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new BenchFailure("writing " + file, e);
        }
    }

    private static String show(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "n/a";
            }
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Object round(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.NaN;
        }
        return Math.round(d * 1000) / 1000.0;
    }
}
