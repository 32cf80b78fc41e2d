package dev.ferry.engine.service;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.camel.CamelRuntime;
import dev.ferry.engine.camel.JobRoute;
import dev.ferry.engine.camel.RegistrationRuntime;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.RunIssue;
import dev.ferry.platform.api.RunQuery;
import dev.ferry.platform.api.RunService;
import dev.ferry.platform.api.RunStatus;
import dev.ferry.store.JobRunEntity;
import dev.ferry.store.JobRuns;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

@Component(service = RunService.class)
public class RunServiceImpl implements RunService {

    static final int MAX_LIMIT = 10_000;

    @Reference
    private Store store;
    @Reference
    private RunLedger ledger;
    @Reference
    private CamelRuntime camel;
    @Reference
    private RegistrationRuntime runtime;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private dev.ferry.engine.activity.ActivityRecorder activity;

    @Override
    public JobRun start(String registration, String job, String actor) {
        RegistrationEntity r = store.inTransaction(em -> em.find(RegistrationEntity.class, registration));
        if (r == null) {
            throw new NotFoundException("registration", registration);
        }
        boolean known = catalog.descriptor(r.productId, r.productVersion).flatMap(d -> d.job(job)).isPresent();
        if (!known) {
            throw new NotFoundException("job", job + "' in product '" + r.productId + " " + r.productVersion);
        }
        if (!runtime.running(registration)) {
            throw new ConflictException("registration " + registration + " cannot run now: " + runtime.state(registration));
        }
        String steps = runtime.jobSteps(registration, job).orElseThrow(() -> new ConflictException(
                "job '" + job + "' of registration " + registration + " has no step that runs (its services are off)"));
        RunProgress run = ledger.begin(registration, job, "manual (" + actor + ")");
        camel.producer()
                .asyncSend(JobRoute.ENDPOINT, e -> {
                    e.getIn().setHeader(JobRoute.REGISTRATION, registration);
                    e.getIn().setHeader(JobRoute.JOB, job);
                    e.getIn().setHeader(JobRoute.STEPS, steps);
                    e.getIn().setHeader(JobRoute.RUN_ID, run.runId());
                })
                .whenComplete((Exchange done, Throwable error) -> {
                    Throwable failure = error != null ? error : done.getException();
                    if (failure != null && ledger.running(run.runId()).isPresent()) {
                        ledger.finish(run, failure); // the job route never took the run
                    }
                });
        return get(run.runId());
    }

    @Override
    public JobRun get(long id) {
        return store.inTransaction(em -> {
            JobRunEntity r = em.find(JobRunEntity.class, id);
            if (r == null) {
                throw new NotFoundException("run", String.valueOf(id));
            }
            List<RunIssue> issues = JobRuns.issues(em, id).stream()
                    .map(i -> new RunIssue(i.step, i.location, i.reason)).collect(Collectors.toList());
            return view(r, issues);
        });
    }

    @Override
    public JobRun cancel(long id, String actor) {
        JobRun run = get(id);
        if (!ledger.cancel(id, "cancelled by " + actor)) {
            throw new ConflictException("run " + id + " is not running (" + run.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        activity.record(new Activity("job-run.cancelled", actor, run.product(), run.workspace(), run.registration(),
                "run " + id + " of job '" + run.job() + "' asked to stop", null, null));
        return get(id);
    }

    @Override
    public List<JobRun> list(RunQuery q) {
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", q.limit() + " is not between 1 and " + MAX_LIMIT);
        }
        return store.inTransaction(em -> JobRuns.latest(em, q.registration(), q.workspace(), q.job(), q.limit(), q.before())).stream()
                .map(r -> view(r, List.of())).collect(Collectors.toList());
    }

    private static JobRun view(JobRunEntity r, List<RunIssue> issues) {
        Instant end = r.finishedAt != null ? r.finishedAt : Instant.now();
        long work = r.rowsRead + r.actionsSucceeded + r.actionsFailed;
        double seconds = Duration.between(r.startedAt, end).toMillis() / 1000.0;
        double rate = seconds <= 0 ? 0 : work / seconds;
        return new JobRun(r.id, r.registrationId, r.workspace, r.productId, r.jobId, r.trigger, RunStatus.valueOf(r.status),
                r.scheduledAt, r.startedAt, r.finishedAt, r.step, r.rowsRead, r.rowsRejected, r.inserted, r.updated, r.deleted, r.unchanged,
                r.actionsSucceeded, r.actionsFailed, rate, r.message, issues);
    }
}
