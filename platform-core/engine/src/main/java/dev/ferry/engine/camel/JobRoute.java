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
 * The route templates every registration's routes are made from, with the registration's parameters: a route per
 * flow and per job, and a Quartz route per job schedule. A job's steps call its services' {@code ferry:read} and
 * {@code ferry:process} endpoints one after another.
 */
public class FerryRouteTemplates extends RouteBuilder {

    public static final String FLOW = "ferry-flow";
    public static final String JOB = "ferry-job";
    public static final String SCHEDULE = "ferry-schedule";
    /** Header of a job exchange whose run was started by hand (the ledger has it already). */
    public static final String RUN_ID = "FerryRunId";

    private static final Logger LOG = LoggerFactory.getLogger(FerryRouteTemplates.class);

    private final RunLedger ledger;

    public FerryRouteTemplates(RunLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        routeTemplate(FLOW)
                .templateParameter("registration").templateParameter("flow").templateParameter("source")
                .templateParameter("events")
                // the flow's id makes the endpoint its own: two flows may listen to the same service and events
                .from("ferry:events?registration=RAW({{registration}})&service={{source}}&events={{events}}&flow={{flow}}")
                .errorHandler(noErrorHandler())
                .to("ferry:enqueue?registration=RAW({{registration}})&flow={{flow}}");

        // steps (ferry:read / ferry:process URIs) run one after another, in the job's order; the first that fails
        // ends the run
        routeTemplate(JOB)
                .templateParameter("registration").templateParameter("job").templateParameter("endpoint")
                .templateParameter("steps")
                .from("direct:{{endpoint}}")
                .onException(Throwable.class).handled(true).process(this::failRun).end()
                .setProperty("ferry.registration", constant("{{registration}}"))
                .setProperty("ferry.job", constant("{{job}}"))
                .process(this::startRun)
                .routingSlip(constant("{{steps}}"))
                .process(e -> ledger.finish(FerryComponent.run(e), null));

        routeTemplate(SCHEDULE)
                .templateParameter("endpoint").templateParameter("timer")
                .from("{{timer}}")
                .errorHandler(noErrorHandler())
                .to("direct:{{endpoint}}");
    }

    private void failRun(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunProgress run = exchange.getProperty(FerryComponent.RUN, RunProgress.class);
        if (run != null) {
            ledger.finish(run, failure);
        } else {
            LOG.error("Job '{}' of registration {} could not start: {}", exchange.getProperty("ferry.job"),
                    exchange.getProperty("ferry.registration"), String.valueOf(failure), failure);
        }
    }

    private void startRun(Exchange exchange) {
        Long runId = exchange.getIn().getHeader(RUN_ID, Long.class);
        String registration = exchange.getProperty("ferry.registration", String.class);
        String job = exchange.getProperty("ferry.job", String.class);
        RunProgress run;
        if (runId != null) {
            run = ledger.running(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is not running"));
        } else {
            try {
                Date scheduled = exchange.getIn().getHeader("scheduledFireTime", Date.class); // set by camel-quartz
                run = ledger.begin(registration, job, "schedule", scheduled == null ? null : scheduled.toInstant());
            } catch (ConflictException e) {
                LOG.info("Scheduled run of job '{}' for registration {} skipped: {}", job, registration, e.getMessage());
                exchange.setRouteStop(true);
                return;
            }
        }
        exchange.setProperty(FerryComponent.RUN, run);
    }
}
