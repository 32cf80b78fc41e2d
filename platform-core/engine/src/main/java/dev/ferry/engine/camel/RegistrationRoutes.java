package dev.ferry.engine.camel;

import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.engine.data.CacheEvent;
import dev.ferry.engine.data.CacheValues;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.JobDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;
import dev.ferry.engine.descriptor.Placeholders;
import dev.ferry.engine.descriptor.Schedules;
import dev.ferry.engine.flow.FlowProcessors;
import dev.ferry.engine.flow.FlowStage;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunLedger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A registration's routes, added to the CamelContext in one go: a route per active flow (its trigger, its per-event
 * filters and stages as processors, then {@code ferry:enqueue}) and a route per scheduled job (its Quartz trigger to the shared {@link JobRoute} with the
 * job's steps). A service has no route of its own: a job's steps call the services' {@code ferry:read} and
 * {@code ferry:process} endpoints.
 *
 * <pre>
 * from("ferry:events?registration=RAW(R)&amp;service=customers-reader&amp;events=inserted,updated&amp;flow=customers-to-table")
 *     .to("ferry:enqueue?registration=RAW(R)&amp;flow=customers-to-table")                       // flow:R:customers-to-table
 * from("quartz://ferry/R.sync?stateful=true&amp;…")
 *     .setHeader(FerryRegistration, R).setHeader(FerryJob, "sync")
 *     .setHeader(FerryJobSteps, "ferry:read?…&amp;service=customers-reader,ferry:process?…")
 *     .to("direct:ferry.jobs")                                                                   // schedule:R:sync
 * </pre>
 */
final class RegistrationRoutes extends RouteBuilder {

    private final ResolvedRegistration reg;
    private final RunLedger ledger;
    private final FlowProcessors processors;
    private final CacheValues values;
    private final List<String> routeIds = new ArrayList<>();
    private final Map<String, String> jobSteps = new LinkedHashMap<>();
    /** Per job that runs on schedule: the steps of features that run on schedule (active, or onboarding if switched on). */
    private final Map<String, String> scheduledSteps = new LinkedHashMap<>();
    private final Set<String> scheduleNames = new HashSet<>();

    /** The route ids and job steps are known at once. */
    RegistrationRoutes(ResolvedRegistration reg, RunLedger ledger, FlowProcessors processors, CacheValues values) {
        this.reg = reg;
        this.ledger = ledger;
        this.processors = processors;
        this.values = values;
        for (FlowDef flow : reg.product().flows()) {
            if (reg.runs(flow.id())) {
                routeIds.add(flowRouteId(flow));
            }
        }
        for (JobDef job : reg.product().jobs()) {
            String steps = job.steps().stream().filter(reg::runs).map(this::stepEndpoint).collect(Collectors.joining(","));
            if (!steps.isEmpty()) {
                jobSteps.put(job.id(), steps);
            }
            String timed = job.steps().stream().filter(reg::scheduled).map(this::stepEndpoint).collect(Collectors.joining(","));
            if (!timed.isEmpty() && reg.schedule(job) != null) { // else it runs only when started by hand
                scheduledSteps.put(job.id(), timed);
                routeIds.add(scheduleRouteId(job));
                scheduleNames.add(RegistrationRuntime.scheduleName(reg.id(), job.id()));
            }
        }
    }

    @Override
    public void configure() {
        Map<String, String> integrationConfigs = configs();
        FlowStage.Lookups lookups = new FlowStage.Lookups() {
            @Override
            public DataObject object(String service) {
                return reg.service(service).object();
            }

            @Override
            public Map<String, Map<String, Object>> find(String service, Collection<String> keys) {
                return values.find(reg, service, keys);
            }
        };
        List<FlowDef> flows = reg.product().flows();
        for (int i = 0; i < flows.size(); i++) {
            FlowDef flow = flows.get(i);
            if (!reg.runs(flow.id())) {
                continue;
            }
            Map<String, String> configs = flowConfigs(flow, integrationConfigs, reg.workspace());
            RouteDefinition route = from(trigger(flow))
                    .routeId(flowRouteId(flow))
                    .errorHandler(noErrorHandler());
            Set<String> targetKey = Set.copyOf(reg.service(flow.to().service()).object().primaryKey());
            for (Map.Entry<String, ValueDef> when : flow.from().filters().entrySet()) {
                String path = "flows[" + i + "].from.when." + when.getKey();
                route.process(FlowStage.when(getContext(), flow.id(), path, CacheEvent.Kind.valueOf(
                                when.getKey().toUpperCase(Locale.ROOT)), when.getValue(), configs, ledger::reject))
                        .id(flow.id() + ".when." + when.getKey());
            }
            List<ProductDescriptor.StageDef> stages = flow.allStages();
            for (int j = 0; j < stages.size(); j++) {
                String path = flow.stagePath("flows[" + i + "]", j);
                route.process(new FlowStage(getContext(), flow.id(), path, stages.get(j), targetKey, configs,
                                ledger::reject, processors, lookups))
                        .id(flow.id() + ".stages[" + j + "]");
            }
            route.to("ferry:enqueue?registration=RAW(" + reg.id() + ")&flow=" + flow.id());
        }
        for (JobDef job : reg.product().jobs()) {
            String steps = scheduledSteps.get(job.id());
            if (steps == null) {
                continue;
            }
            from(timer(job))
                    .routeId(scheduleRouteId(job))
                    .errorHandler(noErrorHandler())
                    .setHeader(JobRoute.REGISTRATION, constant(reg.id()))
                    .setHeader(JobRoute.JOB, constant(job.id()))
                    .setHeader(JobRoute.STEPS, constant(steps))
                    .to(JobRoute.ENDPOINT);
        }
    }

    /**
     * A flow's consumer endpoint (the flow's id makes it its own: two flows may listen to the same service and
     * events): a cache writer's events, another flow's ended actions, or its own records on demand.
     */
    private String trigger(FlowDef flow) {
        String uri = "ferry:events?registration=RAW(" + reg.id() + ")&flow=" + flow.id();
        if (flow.from().isCloseOut()) {
            return uri + "&closes=" + flow.from().flow() + "&events=" + String.join(",", flow.from().outcomeKinds());
        }
        if (flow.from().isOnDemand()) {
            return uri + "&service=" + flow.from().service() + "&events=current";
        }
        return uri + "&service=" + flow.from().service() + "&events=" + String.join(",", flow.from().eventKinds());
    }

    /**
     * A job's Quartz endpoint (on the registration's own cadence, if it set one), named after the registration and
     * job; {@code stateful} so it never overlaps itself.
     */
    private String timer(JobDef job) {
        ProductDescriptor.ScheduleDef schedule = reg.schedule(job);
        return QuartzJobStore.endpointUri(RegistrationRuntime.scheduleName(reg.id(), job.id()), schedule.cron(),
                schedule.zone(), schedule.cron() != null ? 0 : Schedules.interval(schedule.every()).toMillis());
    }

    /** The registration's integration configs, with the product's defaults for those it has no value of. */
    private Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        for (ConfigDef c : reg.product().configs()) {
            if (c.defaultValue() != null) {
                configs.put(c.name(), Placeholders.fillDefault(c.defaultValue(), reg.workspace())); // ${karaf.data}
            }
        }
        configs.putAll(reg.config());
        return configs;
    }

    /**
     * What a flow's stages see as configs: the integration configs, or, when the flow declares its own, each of them
     * with the value of the integration config that feeds it (or its own default).
     */
    static Map<String, String> flowConfigs(FlowDef flow, Map<String, String> integration, String workspace) {
        if (flow.allConfigs().isEmpty()) {
            return integration;
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (ConfigDef c : flow.allConfigs()) {
            String value = integration.get(flow.configSource(c.name()));
            if (value == null) {
                value = Placeholders.fillDefault(c.defaultValue(), workspace);
            }
            if (value != null) {
                own.put(c.name(), value);
            }
        }
        return own;
    }

    /** The ids of the routes this adds, flows first, in the order they are added. */
    List<String> routeIds() {
        return routeIds;
    }

    /** Per job with a step that runs (when started by hand): its step endpoints, comma-separated, in order. */
    Map<String, String> jobSteps() {
        return jobSteps;
    }

    /** Whether a job runs on a schedule. */
    boolean scheduled(String job) {
        return scheduledSteps.containsKey(job);
    }

    /** The Quartz job names of the schedules this adds. */
    Set<String> scheduleNames() {
        return scheduleNames;
    }

    private String flowRouteId(FlowDef flow) {
        return "flow:" + reg.id() + ":" + flow.id();
    }

    private String scheduleRouteId(JobDef job) {
        return "schedule:" + reg.id() + ":" + job.id();
    }

    private String stepEndpoint(String serviceId) {
        if (reg.product().flow(serviceId).isPresent()) {
            return "ferry:flow?registration=RAW(" + reg.id() + ")&flow=" + serviceId;
        }
        ResolvedService svc = reg.services().get(serviceId);
        return (svc.type() == ServiceType.CACHE_WRITER ? "ferry:read" : "ferry:process")
                + "?registration=RAW(" + reg.id() + ")&service=" + svc.id();
    }
}
