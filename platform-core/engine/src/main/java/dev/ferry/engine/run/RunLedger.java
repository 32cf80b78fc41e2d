package dev.ferry.engine.run;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.Settings;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.Schedules;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.RunStatus;
import dev.ferry.store.JobRunEntity;
import dev.ferry.store.JobRuns;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.RunIssueEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run history: starts runs (one at a time per job of a registration), stores their progress and how they end, and
 * keeps each registration's health: after {@code failuresBeforeFailing} failed runs in a row (setting, default 3) it
 * is <em>failing</em> — said once in the log and the activity log, not at every run — and its schedule backs off
 * ({@code backoffFirst}, default 30 s, doubled at each further failure up to {@code backoffMax}, default 1 h) until
 * a run goes through. Settings: configuration {@code dev.ferry.health}.
 */
@Component(service = RunLedger.class, configurationPid = RunLedger.PID)
public class RunLedger {

    public static final String PID = "dev.ferry.health";

    /** Rejected records kept with their details per run; all are counted. */
    static final int ISSUES_KEPT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

    private final Map<String, RunProgress> running = new ConcurrentHashMap<>();
    /** Registrations being removed: they start no new run. */
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    /** What the runs that finished since the start did, for metrics. */
    private final RunMetrics metrics = new RunMetrics();

    @Reference
    private Store store;
    @Reference
    private ActivityRecorder activity;

    private int failuresBeforeFailing = 3;
    private Duration backoffFirst = Duration.ofSeconds(30);
    private Duration backoffMax = Duration.ofHours(1);

    public RunLedger() {
    }

    /** For use outside OSGi (tests). */
    public RunLedger(Store store, ActivityRecorder activity) {
        this.store = store;
        this.activity = activity;
    }

    /** Runs left RUNNING by a stop of the platform did not finish: say so. */
    @Activate
    void activate(Map<String, Object> config) {
        failuresBeforeFailing = Settings.read(config, PID, "failuresBeforeFailing", 3, v -> Math.max(1, Integer.parseInt(v)));
        backoffFirst = Settings.read(config, PID, "backoffFirst", backoffFirst, Schedules::interval);
        backoffMax = Settings.read(config, PID, "backoffMax", backoffMax, Schedules::interval);
        int n = store.inTransaction(em -> JobRuns.endRunning(em, RunStatus.RUNNING.name(), RunStatus.INTERRUPTED.name(),
                "interrupted: the platform stopped during the run; the next run goes on from what this one stored",
                Instant.now()));
        if (n > 0) {
            LOG.warn("{} job run(s) were interrupted by the last stop of the platform and are marked interrupted", n);
        }
    }

    /**
     * Starts a run.
     *
     * @throws ConflictException when this job of this registration is running already
     */
    public RunProgress begin(String registrationId, String job, String trigger) {
        return begin(registrationId, job, trigger, null);
    }

    /** The trigger of runs a schedule starts. */
    public static final String SCHEDULE = "schedule";

    /**
     * Starts a run that a schedule meant to start at {@code scheduledAt}.
     *
     * @throws ConflictException when this job of this registration is running already
     * @throws HeldBackException  when a schedule starts it while the registration is failing and backing off
     */
    public RunProgress begin(String registrationId, String job, String trigger, Instant scheduledAt) {
        if (closed.contains(registrationId)) {
            throw new ConflictException("registration " + registrationId + " is being removed");
        }
        String key = registrationId + "|" + job;
        RunProgress[] created = new RunProgress[1];
        RunProgress existing = running.computeIfAbsent(key, k -> {
            JobRunEntity run = store.inTransaction(em -> {
                RegistrationEntity reg = em.find(RegistrationEntity.class, registrationId);
                if (reg == null) {
                    throw new NotFoundException("registration", registrationId);
                }
                if (trigger.equals(SCHEDULE)) {
                    Optional<String> held = heldBack(reg);
                    if (held.isPresent()) {
                        throw new HeldBackException(held.get());
                    }
                }
                JobRunEntity r = new JobRunEntity();
                r.registrationId = registrationId;
                r.workspace = reg.workspace;
                r.productId = reg.productId;
                r.jobId = job;
                r.trigger = trigger;
                r.status = RunStatus.RUNNING.name();
                r.startedAt = Instant.now();
                r.scheduledAt = scheduledAt;
                em.persist(r);
                return r;
            });
            created[0] = new RunProgress(run.id, registrationId, run.workspace, run.productId, job, trigger, run.startedAt);
            return created[0];
        });
        if (created[0] == null) {
            throw new ConflictException("job '" + job + "' of registration " + registrationId + " is running already (run "
                    + existing.runId() + ", started " + existing.startedAt() + ")");
        }
        LOG.debug("Started {} ({})", created[0], trigger);
        return created[0];
    }

    /**
     * Asks every run of a registration in progress to stop at its next page because the platform is stopping:
     * they end {@code interrupted}.
     */
    public void interrupt(String registrationId, String reason) {
        stop(registrationId, reason, true);
    }

    /** Asks every run of a registration in progress to stop at its next page. */
    public void cancel(String registrationId, String reason) {
        stop(registrationId, reason, false);
    }

    private void stop(String registrationId, String reason, boolean platformStopping) {
        running.values().stream().filter(p -> p.registration().equals(registrationId))
                .forEach(p -> stop(p, reason, platformStopping));
    }

    private static void stop(RunProgress p, String reason, boolean platformStopping) {
        LOG.info("{} {}: {}", platformStopping ? "Interrupting" : "Stopping", p, reason);
        if (platformStopping) {
            p.interrupt(reason);
        } else {
            p.cancel(reason);
        }
    }

    /**
     * Starts no new run of a registration, asks its runs to stop and waits for them to end.
     *
     * @throws ConflictException when a run did not end in time; the registration is open again
     */
    public void closeAndDrain(String registrationId, String reason, Duration timeout) {
        closed.add(registrationId);
        cancel(registrationId, reason);
        boolean ended;
        try {
            ended = awaitEnded(registrationId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.remove(registrationId);
            throw new ConflictException("interrupted while waiting for the runs of " + registrationId + " to stop");
        }
        if (!ended) {
            closed.remove(registrationId);
            throw new ConflictException("registration " + registrationId + ": " + runningFor(registrationId).map(Object::toString)
                    .orElse("a run") + " did not stop within " + timeout.toSeconds() + " s; try again");
        }
    }

    /** Waits up to {@code timeout} for every run of a registration to end; whether they did. */
    public boolean awaitEnded(String registrationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runningFor(registrationId).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Lets a registration (or a new one with the same id) start runs again. */
    public void reopen(String registrationId) {
        closed.remove(registrationId);
    }

    /** A run of any job of this registration in progress, if any. */
    public Optional<RunProgress> runningFor(String registrationId) {
        return running.values().stream().filter(p -> p.registration().equals(registrationId)).findFirst();
    }

    /**
     * Asks one run to stop at its next page.
     *
     * @return whether it was running
     */
    public boolean cancel(long runId, String reason) {
        Optional<RunProgress> run = running(runId);
        run.ifPresent(p -> stop(p, reason, false));
        return run.isPresent();
    }

    /** The run in progress with this id, if any. */
    public Optional<RunProgress> running(long runId) {
        return running.values().stream().filter(p -> p.runId() == runId).findFirst();
    }

    /** Stores the counts so far, in the caller's transaction if it has one. */
    public void save(RunProgress p) {
        store.run(em -> copy(p, em.find(JobRunEntity.class, p.runId())));
    }

    /** Counts a rejected record and keeps its details (the first {@value #ISSUES_KEPT} of a run). */
    public void reject(RunProgress p, String step, String location, String reason) {
        p.rowsRejected.incrementAndGet();
        if (p.issuesKept.incrementAndGet() <= ISSUES_KEPT) {
            LOG.warn("{}, step {}: rejected {}: {}", p, step, location, reason);
            store.run(em -> {
                RunIssueEntity issue = new RunIssueEntity();
                issue.runId = p.runId();
                issue.workspace = p.workspace();
                issue.step = step;
                issue.location = truncate(location, 500);
                issue.reason = truncate(reason, 2000);
                em.persist(issue);
            });
        }
    }

    /**
     * Ends a run: succeeded, partial (some records or actions did not go through), failed, cancelled (asked to stop)
     * or interrupted (the platform is stopping).
     */
    /** What the runs that finished since the platform started did. */
    public RunMetrics metrics() {
        return metrics;
    }

    public void finish(RunProgress p, Throwable failure) {
        running.remove(p.registration() + "|" + p.job(), p);
        RunStatus status = failure == null ? p.hasProblems() ? RunStatus.PARTIAL : RunStatus.SUCCEEDED
                : p.interrupted() ? RunStatus.INTERRUPTED : p.cancelled() != null ? RunStatus.CANCELLED : RunStatus.FAILED;
        String message = failure == null ? null : p.cancelled() != null
                ? (p.interrupted() ? "interrupted: " : "cancelled: ") + p.cancelled()
                + "; the next run goes on from what this one stored"
                : truncate(String.valueOf(failure.getMessage()), 4000);
        Health[] health = new Health[1];
        JobRunEntity run = store.inTransaction(em -> {
            JobRunEntity r = em.find(JobRunEntity.class, p.runId());
            copy(p, r);
            r.status = status.name();
            r.finishedAt = Instant.now();
            r.message = message;
            health[0] = health(em.find(RegistrationEntity.class, p.registration()), status, message, r.finishedAt);
            return r;
        });
        metrics.record(run.workspace, run.registrationId, status, Duration.between(run.startedAt, run.finishedAt),
                run.rowsRead, run.rowsRejected, run.actionsSucceeded, run.actionsFailed);
        boolean idle = failure == null && run.rowsRead == 0 && run.rowsRejected == 0 && run.deleted == 0
                && run.actionsSucceeded == 0 && run.actionsFailed == 0;
        String summary = String.format("Finished %s (%s): %s; read %d, rejected %d, inserted %d, updated %d, deleted %d, "
                        + "unchanged %d; actions succeeded %d, failed %d", p, p.trigger(), status.name().toLowerCase(),
                run.rowsRead, run.rowsRejected, run.inserted, run.updated, run.deleted, run.unchanged,
                run.actionsSucceeded, run.actionsFailed);
        if (status == RunStatus.INTERRUPTED) {
            LOG.warn("{}. {}", summary, message);
        } else if (status == RunStatus.CANCELLED) {
            LOG.info("{}. {}", summary, message);
        } else if (health[0] == Health.STILL_FAILING) {
            LOG.debug("{}. {}", summary, message); // said when it began failing; the registration shows it
        } else if (failure != null) {
            LOG.error("{}. {}", summary, message);
        } else if (idle) {
            LOG.debug(summary); // a run that found nothing to do every few seconds is not news
        } else {
            LOG.info(summary);
        }
        reportHealth(health[0], p, run, message);
        if (idle && !p.trigger().startsWith("manual") || health[0] == Health.STILL_FAILING) {
            return; // it changed nothing (or failed as the runs before it): run history has it, the activity log not
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("run", run.id);
        after.put("job", run.jobId);
        after.put("status", status.name());
        after.put("trigger", run.trigger);
        after.put("rowsRead", run.rowsRead);
        after.put("rowsRejected", run.rowsRejected);
        after.put("inserted", run.inserted);
        after.put("updated", run.updated);
        after.put("deleted", run.deleted);
        after.put("actionsSucceeded", run.actionsSucceeded);
        after.put("actionsFailed", run.actionsFailed);
        if (message != null) {
            after.put("message", message);
        }
        activity.record(new Activity("job-run.finished", actorOf(run.trigger), run.productId, run.workspace,
                run.registrationId, "job '" + run.jobId + "' run " + run.id + " " + status.name().toLowerCase()
                + " (" + run.rowsRead + " read, " + run.actionsSucceeded + " actions succeeded)", null, RecordJson.write(after)));
    }

    /** What a run's end did to its registration's health. */
    private enum Health { UNCHANGED, FAILING, STILL_FAILING, REASON_CHANGED, RECOVERED }

    /** Counts a failed run against the registration's health, or clears it after a run that went through. */
    private Health health(RegistrationEntity reg, RunStatus status, String message, Instant at) {
        if (reg == null || status == RunStatus.INTERRUPTED || status == RunStatus.CANCELLED) {
            return Health.UNCHANGED;
        }
        boolean failing = "failing".equals(reg.health);
        if (status != RunStatus.FAILED) {
            reg.health = null;
            reg.failures = 0;
            reg.failingSince = null;
            reg.failedAt = null;
            reg.failingReason = null;
            return failing ? Health.RECOVERED : Health.UNCHANGED;
        }
        int failures = (reg.failures == null ? 0 : reg.failures) + 1;
        String before = reg.failingReason;
        reg.failures = failures;
        reg.failingSince = failures == 1 && !failing ? at : reg.failingSince;
        reg.failedAt = at;
        reg.failingReason = truncate(String.valueOf(message), 2000);
        if (!failing) {
            if (failures < failuresBeforeFailing) {
                return Health.UNCHANGED;
            }
            reg.health = "failing";
            return Health.FAILING;
        }
        return reg.failingReason.equals(before) ? Health.STILL_FAILING : Health.REASON_CHANGED;
    }

    private void reportHealth(Health health, RunProgress p, JobRunEntity run, String message) {
        switch (health) {
            case FAILING, REASON_CHANGED -> {
                String what = health == Health.FAILING ? "is failing" : "is still failing, now";
                LOG.warn("Registration {} in workspace {} {}: {} (run {} of job '{}'); its schedule backs off until a run goes"
                        + " through", p.registration(), p.workspace(), what, message, run.id, run.jobId);
                activity.record(new Activity("registration.failing", "scheduler", run.productId, run.workspace,
                        run.registrationId, "registration " + run.registrationId + " " + what + ": " + message, null, null));
            }
            case RECOVERED -> {
                LOG.info("Registration {} in workspace {} recovered: run {} of job '{}' went through", p.registration(),
                        p.workspace(), run.id, run.jobId);
                activity.record(new Activity("registration.recovered", "scheduler", run.productId, run.workspace,
                        run.registrationId, "registration " + run.registrationId + " recovered (run " + run.id + ")", null, null));
            }
            default -> {
            }
        }
    }

    /**
     * Why a scheduled run of a failing registration waits (its schedule backs off), or empty when it may run: the
     * first fire after {@code backoffFirst} since its last failure, then twice as long each failure, up to
     * {@code backoffMax}.
     */
    private Optional<String> heldBack(RegistrationEntity reg) {
        if (!"failing".equals(reg.health) || reg.failedAt == null) {
            return Optional.empty();
        }
        int over = Math.max(0, (reg.failures == null ? 0 : reg.failures) - failuresBeforeFailing);
        Duration wait = backoffFirst.multipliedBy(1L << Math.min(over, 20));
        Instant next = reg.failedAt.plus(wait.compareTo(backoffMax) > 0 ? backoffMax : wait);
        return Instant.now().isBefore(next)
                ? Optional.of("failing since " + reg.failingSince + ": the next scheduled run goes at " + next)
                : Optional.empty();
    }

    /** A scheduled run not begun because its registration is failing and its schedule backs off. */
    public static final class HeldBackException extends ConflictException {
        HeldBackException(String reason) {
            super(reason);
        }
    }

    private static String actorOf(String trigger) {
        return trigger.startsWith("manual (") ? trigger.substring(8, trigger.length() - 1) : "scheduler";
    }

    private static void copy(RunProgress p, JobRunEntity r) {
        r.step = p.step();
        r.rowsRead = p.rowsRead.get();
        r.rowsRejected = p.rowsRejected.get();
        r.inserted = p.inserted.get();
        r.updated = p.updated.get();
        r.deleted = p.deleted.get();
        r.unchanged = p.unchanged.get();
        r.actionsSucceeded = p.actionsSucceeded.get();
        r.actionsFailed = p.actionsFailed.get();
    }

    /** A text cut to {@code max} characters, its end marked with an ellipsis. */
    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
