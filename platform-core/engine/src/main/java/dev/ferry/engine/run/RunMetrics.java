package dev.ferry.engine.run;

import dev.ferry.platform.api.RunStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the runs that finished since the platform started did, per registration: how many ended how, the rows and
 * actions they moved, and how long they took (a histogram). Counters start at zero when the platform starts, as
 * Prometheus expects of counters; the run history keeps the rest.
 */
public final class RunMetrics {

    /** Upper bounds of the run-duration buckets, in seconds. */
    public static final double[] DURATION_BUCKETS = {1, 5, 15, 60, 300, 900, 3600};

    /** The counters of one registration. */
    public static final class Series {
        final String workspace;
        final AtomicLongArray runs = new AtomicLongArray(RunStatus.values().length);
        final AtomicLongArray moved = new AtomicLongArray(4);
        final AtomicLongArray buckets = new AtomicLongArray(DURATION_BUCKETS.length);
        final AtomicLongArray durationMillis = new AtomicLongArray(1);

        Series(String workspace) {
            this.workspace = workspace;
        }

        public String workspace() {
            return workspace;
        }

        /** Runs that ended with each status, by status label ({@code succeeded}, {@code failed}, …). */
        public Map<String, Long> runs() {
            Map<String, Long> byStatus = new TreeMap<>();
            for (RunStatus s : RunStatus.values()) {
                if (s != RunStatus.RUNNING) {
                    byStatus.put(s.name().toLowerCase(Locale.ROOT), runs.get(s.ordinal()));
                }
            }
            return byStatus;
        }

        public long rowsRead() {
            return moved.get(0);
        }

        public long rowsRejected() {
            return moved.get(1);
        }

        public long actionsSucceeded() {
            return moved.get(2);
        }

        public long actionsFailed() {
            return moved.get(3);
        }

        /** Runs that took at most each bucket's bound, cumulative as Prometheus histograms are. */
        public List<Long> durationBuckets() {
            List<Long> cumulative = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < DURATION_BUCKETS.length; i++) {
                sum += buckets.get(i);
                cumulative.add(sum);
            }
            return cumulative;
        }

        public long finished() {
            long n = 0;
            for (int i = 0; i < runs.length(); i++) {
                n += runs.get(i);
            }
            return n;
        }

        public double durationSeconds() {
            return durationMillis.get(0) / 1000.0;
        }
    }

    private final Map<String, Series> byRegistration = new ConcurrentHashMap<>();

    /** Counts a run that ended. */
    void record(String workspace, String registration, RunStatus status, Duration took, long rowsRead,
                long rowsRejected, long actionsSucceeded, long actionsFailed) {
        Series s = byRegistration.computeIfAbsent(registration, r -> new Series(workspace));
        s.runs.incrementAndGet(status.ordinal());
        s.moved.addAndGet(0, rowsRead);
        s.moved.addAndGet(1, rowsRejected);
        s.moved.addAndGet(2, actionsSucceeded);
        s.moved.addAndGet(3, actionsFailed);
        double seconds = took.toMillis() / 1000.0;
        for (int i = 0; i < DURATION_BUCKETS.length; i++) {
            if (seconds <= DURATION_BUCKETS[i]) {
                s.buckets.incrementAndGet(i);
                break;
            }
        }
        s.durationMillis.addAndGet(0, took.toMillis());
    }

    /** A removed registration's series goes with it. */
    public void forget(String registration) {
        byRegistration.remove(registration);
    }

    /** Each registration's counters, by registration id. */
    public Map<String, Series> snapshot() {
        return new TreeMap<>(byRegistration);
    }
}
