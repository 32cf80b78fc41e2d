package dev.ferry.engine.service;

import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunMetrics;
import dev.ferry.platform.api.MetricsService;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.store.ActionCounts;
import dev.ferry.store.DataStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The platform's metrics in Prometheus' text format. Counters (runs, rows, actions, run durations) count the runs that
 * finished since the platform started ({@link RunMetrics}); gauges (registrations, queued and dead actions) are read
 * from the registrations and the store at each scrape, two grouped queries in all.
 */
@Component(service = MetricsService.class)
public class MetricsServiceImpl implements MetricsService {

    @Reference
    private RunLedger ledger;
    @Reference
    private RegistrationService registrations;
    @Reference
    private DataStore data;

    public MetricsServiceImpl() {
    }

    /** For use outside OSGi (tests). */
    public MetricsServiceImpl(RunLedger ledger, RegistrationService registrations, DataStore data) {
        this.ledger = ledger;
        this.registrations = registrations;
        this.data = data;
    }

    @Override
    public String prometheus() {
        List<Registration> all = registrations.list(null);
        Set<String> ids = all.stream().map(Registration::id).collect(Collectors.toSet());
        Exposition out = new Exposition();

        Map<String, Long> byState = new TreeMap<>();
        for (Registration r : all) {
            String runtime = r.runtime() == null ? "unknown" : r.runtime().split(":", 2)[0].strip();
            byState.merge(r.health().state() + "|" + runtime, 1L, Long::sum);
        }
        out.family("ferry_registrations", "gauge", "Registrations, by health (ok, failing) and runtime (running, paused, waiting)");
        byState.forEach((key, n) -> {
            String[] parts = key.split("\\|", 2);
            out.sample("ferry_registrations", Map.of("health", parts[0], "runtime", parts[1]), n);
        });

        Map<String, RunMetrics.Series> runs = ledger.metrics().snapshot();
        runs.keySet().stream().filter(id -> !ids.contains(id)).forEach(ledger.metrics()::forget);
        runs.keySet().retainAll(ids);
        out.family("ferry_runs_total", "counter", "Job runs that ended since the platform started, by status");
        runs.forEach((id, s) -> s.runs().forEach((status, n) ->
                out.sample("ferry_runs_total", labels(s.workspace(), id, "status", status), n)));
        counter(out, runs, "ferry_rows_read_total", "Records read by cache writers", RunMetrics.Series::rowsRead);
        counter(out, runs, "ferry_rows_rejected_total", "Records a cache writer could not read", RunMetrics.Series::rowsRejected);
        counter(out, runs, "ferry_actions_succeeded_total", "Actions an action processor carried out", RunMetrics.Series::actionsSucceeded);
        counter(out, runs, "ferry_actions_failed_total", "Actions that failed, for good or to be retried", RunMetrics.Series::actionsFailed);
        out.family("ferry_run_duration_seconds", "histogram", "How long job runs took, from start to end");
        runs.forEach((id, s) -> {
            List<Long> buckets = s.durationBuckets();
            for (int i = 0; i < buckets.size(); i++) {
                out.sample("ferry_run_duration_seconds_bucket",
                        labels(s.workspace(), id, "le", Exposition.number(RunMetrics.DURATION_BUCKETS[i])), buckets.get(i));
            }
            out.sample("ferry_run_duration_seconds_bucket", labels(s.workspace(), id, "le", "+Inf"), s.finished());
            out.sample("ferry_run_duration_seconds_sum", labels(s.workspace(), id, null, null), s.durationSeconds());
            out.sample("ferry_run_duration_seconds_count", labels(s.workspace(), id, null, null), s.finished());
        });

        List<ActionCounts.Count> actions = data.inTransaction(ActionCounts::all);
        out.family("ferry_actions", "gauge", "Actions of each service that are not done: queued, retry (waiting to be"
                + " tried again), dead (out of retries), failed, pending (put back by hand)");
        for (ActionCounts.Count c : actions) {
            if (ids.contains(c.registration())) {
                Map<String, String> labels = new TreeMap<>(labels(c.workspace(), c.registration(), "service", c.service()));
                labels.put("status", c.status());
                out.sample("ferry_actions", labels, c.count());
            }
        }
        return out.text();
    }

    private static void counter(Exposition out, Map<String, RunMetrics.Series> runs, String name, String help,
                                java.util.function.ToLongFunction<RunMetrics.Series> value) {
        out.family(name, "counter", help + ", by runs that ended since the platform started");
        runs.forEach((id, s) -> out.sample(name, labels(s.workspace(), id, null, null), value.applyAsLong(s)));
    }

    private static Map<String, String> labels(String workspace, String registration, String key, String value) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("workspace", workspace);
        labels.put("registration", registration);
        if (key != null) {
            labels.put(key, value);
        }
        return labels;
    }

    /** Prometheus' text exposition format (0.0.4): families with HELP and TYPE, samples with escaped labels. */
    static final class Exposition {
        private final StringBuilder text = new StringBuilder();

        void family(String name, String type, String help) {
            text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void sample(String name, Map<String, String> labels, double value) {
            text.append(name);
            if (!labels.isEmpty()) {
                text.append('{');
                boolean first = true;
                for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
                    text.append(first ? "" : ",").append(l.getKey()).append("=\"")
                            .append(String.valueOf(l.getValue()).replace("\\", "\\\\").replace("\"", "\\\"")
                                    .replace("\n", "\\n"))
                            .append('"');
                    first = false;
                }
                text.append('}');
            }
            text.append(' ').append(number(value)).append('\n');
        }

        static String number(double value) {
            return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                    : Double.toString(value);
        }

        String text() {
            return text.toString();
        }
    }
}
