package dev.ferry.engine.run;

import dev.ferry.engine.registration.ResolvedRegistration;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The live counts of one job run; steps add to them, the ledger stores them. */
public final class RunProgress {

    /** The exchange property a run travels in through its routes. */
    public static final String PROPERTY = "ferry.run";

    private final long runId;
    private final String registration;
    private final String workspace;
    private final String product;
    private final String job;
    private final String trigger;
    private final Instant startedAt;
    private volatile String step;
    private volatile String cancelled;
    private volatile boolean interrupted;
    private volatile ResolvedRegistration resolved;
    private long savedAt = System.nanoTime();
    private final java.util.Map<String, Object> attachments = new java.util.concurrent.ConcurrentHashMap<>();

    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsRejected = new AtomicLong();
    final AtomicLong inserted = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong actionsSucceeded = new AtomicLong();
    final AtomicLong actionsFailed = new AtomicLong();
    final AtomicInteger issuesKept = new AtomicInteger();

    RunProgress(long runId, String registration, String workspace, String product, String job, String trigger,
                Instant startedAt) {
        this.runId = runId;
        this.registration = registration;
        this.workspace = workspace;
        this.product = product;
        this.job = job;
        this.trigger = trigger;
        this.startedAt = startedAt;
    }

    public long runId() {
        return runId;
    }

    public String registration() {
        return registration;
    }

    public String workspace() {
        return workspace;
    }

    public String product() {
        return product;
    }

    public String job() {
        return job;
    }

    public String trigger() {
        return trigger;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String step() {
        return step;
    }

    public void step(String step) {
        this.step = step;
    }

    /** The registration as resolved when the run's first step needed it; every later step uses the same. */
    public ResolvedRegistration registration(Supplier<ResolvedRegistration> resolve) {
        ResolvedRegistration r = resolved;
        if (r == null) {
            r = resolve.get();
            resolved = r;
        }
        return r;
    }

    /** What one step leaves for a later step of the same run (made on first ask). */
    public <T> T attachment(String key, Class<T> type, Supplier<T> make) {
        return type.cast(attachments.computeIfAbsent(key, k -> make.get()));
    }

    /** Takes what an earlier step left under this key, if anything. */
    public <T> T detach(String key, Class<T> type) {
        return type.cast(attachments.remove(key));
    }

    /** Whether a second has passed since the counts were last stored (live progress is stored once a second). */
    public synchronized boolean dueForSave() {
        long now = System.nanoTime();
        if (now - savedAt < 1_000_000_000L) {
            return false;
        }
        savedAt = now;
        return true;
    }

    /** Asks the run to stop at the next page; steps check {@link #cancelled()}. */
    public void cancel(String reason) {
        cancelled = reason;
    }

    /**
     * Asks the run to stop at the next page because the platform is stopping: it ends {@code interrupted}, not
     * failed, and the next run goes on from what it stored.
     */
    public void interrupt(String reason) {
        interrupted = true;
        cancelled = reason;
    }

    /** Whether the run was asked to stop because the platform is stopping. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Why the run was asked to stop, or null while it may go on. */
    public String cancelled() {
        return cancelled;
    }

    public void read(long n) {
        rowsRead.addAndGet(n);
    }

    public void changes(long inserted, long updated, long deleted, long unchanged) {
        this.inserted.addAndGet(inserted);
        this.updated.addAndGet(updated);
        this.deleted.addAndGet(deleted);
        this.unchanged.addAndGet(unchanged);
    }

    public void actions(long succeeded, long failed) {
        actionsSucceeded.addAndGet(succeeded);
        actionsFailed.addAndGet(failed);
    }

    public boolean hasProblems() {
        return rowsRejected.get() > 0 || actionsFailed.get() > 0;
    }

    @Override
    public String toString() {
        return "run " + runId + " of job '" + job + "' for registration " + registration + " (workspace " + workspace + ")";
    }
}
