package dev.ferry.engine.camel;

import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.platform.api.ConflictException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;

/**
 * The one route every job run goes through, whichever registration it is of: a schedule's route or a manual start
 * sends it the registration, the job and the job's steps (the {@code ferry:read} / {@code ferry:process} URIs of its
 * services, in order); the route begins the run (or takes the one started by hand), calls the steps one after
 * another and ends the run. The first step that fails ends the run failed.
 *
 * <p>One route for all jobs rather than one per registration's job: Camel's cost of adding a route grows with the
 * routes it already holds, so each registration adds as few as it can.
 */
public class JobRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:ferry.jobs";
    public static final String ROUTE_ID = "ferry-jobs";
    /** Header: the registration whose job runs. */
    public static final String REGISTRATION = "FerryRegistration";
    /** Header: the job that runs. */
    public static final String JOB = "FerryJob";
    /** Header: the job's step endpoint URIs, comma-separated, in order. */
    public static final String STEPS = "FerryJobSteps";
    /** Header of a job exchange whose run was started by hand (the ledger has it already). */
    public static final String RUN_ID = "FerryRunId";

    private static final Logger LOG = LoggerFactory.getLogger(JobRoute.class);

    private final RunLedger ledger;

    public JobRoute(RunLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .onException(Throwable.class).handled(true).process(this::failRun).end()
                .process(this::startRun)
                .routingSlip(header(STEPS))
                .process(e -> ledger.finish(FerryComponent.run(e), null));
    }

    private void failRun(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunProgress run = exchange.getProperty(FerryComponent.RUN, RunProgress.class);
        if (run != null) {
            ledger.finish(run, failure);
        } else {
            LOG.error("Job '{}' of registration {} could not start: {}", exchange.getIn().getHeader(JOB),
                    exchange.getIn().getHeader(REGISTRATION), String.valueOf(failure), failure);
        }
    }

    private void startRun(Exchange exchange) {
        Long runId = exchange.getIn().getHeader(RUN_ID, Long.class);
        String registration = exchange.getIn().getHeader(REGISTRATION, String.class);
        String job = exchange.getIn().getHeader(JOB, String.class);
        RunProgress run;
        if (runId != null) {
            run = ledger.running(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is not running"));
        } else {
            try {
                Date scheduled = exchange.getIn().getHeader("scheduledFireTime", Date.class); // set by camel-quartz
                run = ledger.begin(registration, job, RunLedger.SCHEDULE, scheduled == null ? null : scheduled.toInstant());
            } catch (RunLedger.HeldBackException e) {
                LOG.debug("Scheduled run of job '{}' for registration {} skipped: {}", job, registration, e.getMessage());
                exchange.setRouteStop(true);
                return;
            } catch (ConflictException e) {
                LOG.info("Scheduled run of job '{}' for registration {} skipped: {}", job, registration, e.getMessage());
                exchange.setRouteStop(true);
                return;
            }
        }
        exchange.setProperty(FerryComponent.RUN, run);
    }
}
