package dev.ferry.engine.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An integration product as its bundle declares it in {@code META-INF/ferry/product.json}. Checked by
 * {@link DescriptorReader}; values such as {@code {{inbox}}} are filled in per registration from its configs.
 */
public record ProductDescriptor(String id, String version, String name, String description, String type,
                                String lifecycle, List<ConnectorRef> connectors, List<ConfigDef> configs,
                                List<FeatureDef> features, List<ServiceDef> services, List<FlowDef> flows,
                                List<JobDef> jobs, Integer format) {

    /** The descriptor format this Ferry writes and reads: 1 (flows with a {@code mapping}) and 2 (flow stages). */
    public static final int FORMAT = 2;

    public ProductDescriptor {
        connectors = connectors == null ? List.of() : List.copyOf(connectors);
        configs = configs == null ? List.of() : List.copyOf(configs);
        features = features == null ? List.of() : List.copyOf(features);
        services = services == null ? List.of() : List.copyOf(services);
        flows = flows == null ? List.of() : List.copyOf(flows);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        type = type == null ? "standard" : type;
        lifecycle = lifecycle == null ? "published" : lifecycle;
        description = description == null ? "" : description;
    }

    /** The ids of the connectors the product uses, in its order. */
    public List<String> connectorIds() {
        return connectors.stream().map(ConnectorRef::id).collect(java.util.stream.Collectors.toList());
    }

    /** The versions of a connector the product works with: a range, or null for any. */
    public String connectorRange(String connectorId) {
        for (ConnectorRef c : connectors) {
            if (connectorId.equals(c.id())) {
                return c.version();
            }
        }
        return null;
    }

    /**
     * A connector the product's services use, and the versions of it the product works with: a range such as
     * {@code [1.0.0,2.0.0)} (brackets include, parentheses exclude), or a version meaning it or later; any version when
     * absent. Of the installed versions in range the highest serves the product's registrations. In JSON the id alone
     * ({@code "jdbc"}, any version) or an object ({@code {"id": "jdbc", "version": "[1.0.0,2.0.0)"}}).
     */
    public record ConnectorRef(String id, String version) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ConnectorRef of(String id) {
            return new ConnectorRef(id, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ConnectorRef(@JsonProperty("id") String id, @JsonProperty("version") String version) {
            this.id = id;
            this.version = version;
        }

        /** As written: the id alone when any version will do, so a product without ranges reads as before. */
        @com.fasterxml.jackson.annotation.JsonValue
        public Object json() {
            if (version == null) {
                return id;
            }
            Map<String, String> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("version", version);
            return json;
        }

        /** Whether a version of the connector is one the product works with. */
        public boolean accepts(String connectorVersion) {
            return version == null || dev.ferry.engine.product.Versions.inRange(connectorVersion, version);
        }

        @Override
        public String toString() {
            return version == null ? id : id + " " + version;
        }
    }

    /**
     * An integration config: a registration gives it a value (or takes the default).
     *
     * @param replaces configs of earlier versions this one takes the place of: a registration updated to this version
     *                 keeps the value it had for one of them under this name
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ConfigDef(String name, String type, Boolean required, String defaultValue, Boolean secret,
                            String description, List<String> replaces) {
        public ConfigDef {
            replaces = replaces == null ? List.of() : List.copyOf(replaces);
        }

        public boolean effectiveRequired() {
            return required == null || required;
        }

        public boolean effectiveSecret() {
            return secret != null && secret;
        }
    }

    /** A feature: the services and flows a customer enables together. */
    public record FeatureDef(String id, String name, List<String> services, List<String> flows) {
        public FeatureDef {
            services = services == null ? List.of() : List.copyOf(services);
            flows = flows == null ? List.of() : List.copyOf(flows);
        }
    }

    /** A service: one connector module used as a cache writer or an action processor on one data object. */
    public record ServiceDef(String id, String connector, String module, String type, String mode,
                             Map<String, String> connection, ObjectDef object, RetryDef retry, String timeout) {
        /** How long a connector may go without progress (a read without a record, a batch without its outcomes). */
        public static final String DEFAULT_TIMEOUT = "5m";

        public ServiceDef {
            connection = connection == null ? Map.of() : Map.copyOf(connection);
            retry = retry == null ? RetryDef.DEFAULT : retry;
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }

        /** This service working on another object (its fields filled in from the one it is like). */
        public ServiceDef withObject(ObjectDef other) {
            return new ServiceDef(id, connector, module, type, mode, connection, other, retry, timeout);
        }

        /** {@code connector/module/type}, the name users see. */
        public String qualifiedName() {
            return connector + "/" + module + "/" + type;
        }
    }

    /**
     * How an action processor retries actions that could not run: up to {@code maxAttempts} attempts, the first
     * retry after {@code firstDelay} (an interval such as {@code 10s}), each next one twice as late (at most an
     * hour, with a quarter of jitter); then the action is dead.
     */
    public record RetryDef(Integer maxAttempts, String firstDelay) {
        public static final RetryDef DEFAULT = new RetryDef(5, "10s");

        public RetryDef {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            firstDelay = firstDelay == null ? "10s" : firstDelay;
        }
    }

    /**
     * The data object a service works on.
     *
     * @param like another service of the product whose object's fields and key this one has (so a flow's two ends
     *             declare their fields once); when the product loads they are filled in here
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectDef(String name, List<FieldDef> fields, List<String> primaryKey, Map<String, String> options,
                            String like) {
        public ObjectDef {
            fields = fields == null ? List.of() : List.copyOf(fields);
            primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** This object with the fields and key of another. */
        public ObjectDef withFieldsOf(ObjectDef other) {
            return new ObjectDef(name, other.fields(), other.primaryKey(), options, like);
        }
    }

    public record FieldDef(String name, String type, Boolean required) {
        public boolean effectiveRequired() {
            return required != null && required;
        }
    }

    /**
     * A flow: on cache events of one service, its stages (in order) filter and shape each page of records, then it
     * queues an action per record for another service, which takes the record's fields by name.
     *
     * @param shared        a shared flow whose stages (and configs) this flow uses, before its own stages
     * @param stages        filters and maps, run in this order
     * @param mapping       the first format's rename (target field to source field), read as a map stage run last
     * @param configs       the flow's own configs; when it declares some, its stages see these instead of the
     *                      integration configs
     * @param configMapping each flow config → the integration config it takes its value from (by default the one of
     *                      the same name)
     * @param template      whether each workspace the product is registered in gets a copy of the flow's stages,
     *                      which may be edited there (shell and REST) and is kept through later versions
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FlowDef(String id, FlowSource from, SharedRef shared, List<StageDef> stages, FlowTarget to,
                          Map<String, String> mapping, List<ConfigDef> configs, Map<String, String> configMapping,
                          Boolean template) {
        public FlowDef {
            stages = stages == null ? List.of() : List.copyOf(stages);
            mapping = mapping == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
            configs = configs == null ? List.of() : List.copyOf(configs);
            configMapping = configMapping == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configMapping));
        }

        /** A flow of its own without configs of its own: its stages see the integration configs. */
        public FlowDef(String id, FlowSource from, List<StageDef> stages, FlowTarget to, Map<String, String> mapping) {
            this(id, from, null, stages, to, mapping, null, null, null);
        }

        /** The stages a record goes through: the shared flow's (when the flow uses one), then the flow's own. */
        @JsonIgnore
        public List<StageDef> allStages() {
            if (shared == null || shared.stages() == null || shared.stages().isEmpty()) {
                return stages;
            }
            List<StageDef> all = new ArrayList<>(shared.stages());
            all.addAll(stages);
            return all;
        }

        /** The flow's configs: the shared flow's when it uses one, else its own. */
        @JsonIgnore
        public List<ConfigDef> allConfigs() {
            return shared != null && shared.configs() != null ? shared.configs() : configs;
        }

        /**
         * Where stage {@code j} of {@link #allStages} is declared, for messages: {@code flows[0].stages[1]}, or
         * {@code flows[0].shared(cleanup 1.0.0).stages[1]} for a stage of the shared flow.
         */
        public String stagePath(String flowPath, int j) {
            int sharedStages = shared == null || shared.stages() == null ? 0 : shared.stages().size();
            return j < sharedStages ? flowPath + ".shared(" + shared.id() + " " + shared.resolved() + ").stages[" + j + "]"
                    : flowPath + ".stages[" + (j - sharedStages) + "]";
        }

        /** This flow using the given version of the shared flow it names. */
        public FlowDef withShared(SharedRef resolved) {
            return new FlowDef(id, from, resolved, stages, to, mapping, configs, configMapping, template);
        }

        /** This flow with other stages of its own (a workspace's copy of a template). */
        public FlowDef withStages(List<StageDef> own) {
            return new FlowDef(id, from, shared, own, to, mapping, configs, configMapping, template);
        }

        /**
         * Whether the flow is a template: each workspace it is registered in gets a copy of its stages to edit (not
         * named isTemplate: Jackson would take that for the template property and ignore it).
         */
        public boolean templated() {
            return template != null && template;
        }

        /**
         * The integration config a flow config takes its value from: the one {@code configMapping} names, else the
         * one of the same name.
         */
        public String configSource(String flowConfig) {
            return configMapping.getOrDefault(flowConfig, flowConfig);
        }
    }

    /**
     * A flow's use of a shared flow: the newest installed version of {@code id} in {@code version} (an OSGi-style
     * range such as {@code [1.0.0,2.0.0)}; a bare version means that one or later). When the product loads, Ferry
     * fills in the version it found ({@code resolved}) and that version's stages and configs: the product keeps them
     * until it loads again.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharedRef(String id, String version, String resolved, List<StageDef> stages, List<ConfigDef> configs) {
        public SharedRef {
            stages = stages == null ? null : List.copyOf(stages);
            configs = configs == null ? null : List.copyOf(configs);
        }
    }

    /**
     * A stage of a flow; exactly one of its keys is given.
     *
     * @param filter    keeps a record when this value is true (deletions always pass: they carry only the key)
     * @param map       sets each named field of the record to its value; the record's other fields stay
     * @param processor the name of a Camel processor a bundle offers ({@code ferry.processor} service property),
     *                  called with each record as a map (deletions pass it untouched)
     * @param lookup    sets fields from the record of another service's cache that this record's key values name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageDef(ValueDef filter, Map<String, ValueDef> map, String processor, LookupDef lookup) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public StageDef(@JsonProperty("filter") ValueDef filter, @JsonProperty("map") Map<String, ValueDef> map,
                        @JsonProperty("processor") String processor, @JsonProperty("lookup") LookupDef lookup) {
            this.filter = filter;
            this.map = map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
            this.processor = processor;
            this.lookup = lookup;
        }

        /** A filter or map stage. */
        public StageDef(ValueDef filter, Map<String, ValueDef> map) {
            this(filter, map, null, null);
        }

        /** "filter", "map", "processor" or "lookup": the key given, or null when there is not exactly one. */
        public String kind() {
            int given = (filter != null ? 1 : 0) + (map != null ? 1 : 0) + (processor != null ? 1 : 0)
                    + (lookup != null ? 1 : 0);
            if (given != 1) {
                return null;
            }
            return filter != null ? "filter" : map != null ? "map" : processor != null ? "processor" : "lookup";
        }

        /** A processor stage. */
        public static StageDef processor(String name) {
            return new StageDef(null, null, name, null);
        }
    }

    /**
     * A lookup stage: the record of another cache-writer service of the product whose key is this record's key
     * values, from the workspace cache (which keeps that service's values from then on), sets fields of this record.
     *
     * @param service the cache-writer service whose records are looked up
     * @param key     one value per key field of that service, in its key order (a single value for a one-field key)
     * @param fields  each field to set → the field of the looked-up record it takes
     * @param missing what happens to a record whose key names no record there: {@code reject} (the default: reported
     *                with its key), {@code drop} (left out of the flow, counted) or {@code keep} (the fields are set
     *                to null)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LookupDef(String service,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ValueDef> key,
                            Map<String, String> fields, String missing) {

        public static final List<String> MISSING = List.of("reject", "drop", "keep");

        public LookupDef {
            key = key == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(key));
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** What happens to a record whose key is not found: {@code missing}, or {@code reject} when not given. */
        public String whenMissing() {
            return missing == null ? "reject" : missing;
        }
    }

    /**
     * Where a value comes from; exactly one key is given: a field of the record, a constant, an integration config,
     * or an expression in Camel's {@code simple} or {@code jq} language. A bare string is a field.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValueDef(String field, JsonNode constant, String config, String simple, String jq) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ValueDef ofField(String field) {
            return new ValueDef(field, null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ValueDef(@JsonProperty("field") String field, @JsonProperty("constant") JsonNode constant,
                        @JsonProperty("config") String config, @JsonProperty("simple") String simple,
                        @JsonProperty("jq") String jq) {
            this.field = field;
            this.constant = constant;
            this.config = config;
            this.simple = simple;
            this.jq = jq;
        }

        /** The keys given (exactly one in a valid descriptor). */
        public List<String> given() {
            List<String> keys = new ArrayList<>();
            if (field != null) {
                keys.add("field");
            }
            if (constant != null) {
                keys.add("constant");
            }
            if (config != null) {
                keys.add("config");
            }
            if (simple != null) {
                keys.add("simple");
            }
            if (jq != null) {
                keys.add("jq");
            }
            return keys;
        }
    }

    /**
     * What triggers a flow; one of three kinds:
     * <ul>
     * <li>cache events: {@code service} (a cache writer) and {@code events} ({@code inserted}, {@code updated},
     * {@code deleted}; default the first two), each kind optionally with a filter in {@code when};</li>
     * <li>close-outs: {@code flow} (another flow of the product) and {@code outcomes} ({@code succeeded},
     * {@code failed}; default {@code succeeded}): the actions that flow queued, once they have ended;</li>
     * <li>on demand: {@code service} and {@code demand: true}: every record the service's cache holds, when a job step
     * names the flow.</li>
     * </ul>
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FlowSource(String service, List<String> events, Map<String, ValueDef> when, String flow,
                             List<String> outcomes, Boolean demand) {

        public static final List<String> OUTCOMES = List.of("succeeded", "failed");

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public FlowSource(@JsonProperty("service") String service, @JsonProperty("events") List<String> events,
                          @JsonProperty("when") Map<String, ValueDef> when, @JsonProperty("flow") String flow,
                          @JsonProperty("outcomes") List<String> outcomes, @JsonProperty("demand") Boolean demand) {
            this.service = service;
            this.events = events == null ? null : List.copyOf(events);
            this.when = when == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(when));
            this.flow = flow;
            this.outcomes = outcomes == null ? null : List.copyOf(outcomes);
            this.demand = demand;
        }

        /** Cache events of a service. */
        public FlowSource(String service, List<String> events) {
            this(service, events, null, null, null, null);
        }

        /** The actions of another flow once they have ended as {@code outcomes}. */
        public static FlowSource closeOut(String flow, List<String> outcomes) {
            return new FlowSource(null, null, null, flow, outcomes, null);
        }

        /** Every record of a service's cache, when a job step names the flow. */
        public static FlowSource onDemand(String service) {
            return new FlowSource(service, null, null, null, null, true);
        }

        @JsonIgnore
        public boolean isCloseOut() {
            return flow != null;
        }

        @JsonIgnore
        public boolean isOnDemand() {
            return demand != null && demand;
        }

        /** The cache events a cache-event flow runs on: {@code events}, or inserted and updated when not given. */
        public List<String> eventKinds() {
            return events == null ? List.of("inserted", "updated") : events;
        }

        /** The outcomes a close-out flow runs on: {@code outcomes}, or succeeded when not given. */
        public List<String> outcomeKinds() {
            return outcomes == null ? List.of("succeeded") : outcomes;
        }

        /** The per-event filters: {@code when}, or none. */
        public Map<String, ValueDef> filters() {
            return when == null ? Map.of() : when;
        }
    }

    public record FlowTarget(String service, String operation) {
    }

    /**
     * A job: steps run in this order, on a schedule or (without one) only when started by hand. A step is a service
     * (a cache writer reads, an action processor runs its queued actions) or a flow that runs on demand.
     */
    public record JobDef(String id, ScheduleDef schedule, List<String> steps) {
        public JobDef {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** Either a Quartz cron expression or an interval such as {@code 10s}, {@code 5m}, {@code 1h}. */
    public record ScheduleDef(String cron, String every, String timeZone) {
        public String zone() {
            return timeZone == null ? "UTC" : timeZone;
        }

        @Override
        public String toString() {
            return cron != null ? "cron " + cron + " (" + zone() + ")" : "every " + every;
        }
    }

    /** This product in another stage of its life (a draft authored in Ferry is one, whatever it says). */
    public ProductDescriptor withLifecycle(String other) {
        return new ProductDescriptor(id, version, name, description, type, other, connectors, configs, features,
                services, flows, jobs, format);
    }

    /** This product with other services. */
    public ProductDescriptor withServices(List<ServiceDef> other) {
        return new ProductDescriptor(id, version, name, description, type, lifecycle, connectors, configs, features,
                other, flows, jobs, format);
    }

    /** This product with other flows (a workspace's copies of its templates in place). */
    public ProductDescriptor withFlows(List<FlowDef> other) {
        return new ProductDescriptor(id, version, name, description, type, lifecycle, connectors, configs, features,
                services, other, jobs, format);
    }

    public Optional<ServiceDef> service(String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
    }

    public Optional<FlowDef> flow(String flowId) {
        return flows.stream().filter(f -> f.id().equals(flowId)).findFirst();
    }

    public Optional<JobDef> job(String jobId) {
        return jobs.stream().filter(j -> j.id().equals(jobId)).findFirst();
    }

    public Optional<ConfigDef> config(String configName) {
        return configs.stream().filter(c -> c.name().equals(configName)).findFirst();
    }

    public Optional<FeatureDef> feature(String featureId) {
        return features.stream().filter(f -> f.id().equals(featureId)).findFirst();
    }

    /** The feature a service or flow belongs to, if any. */
    public Optional<FeatureDef> featureOf(String serviceOrFlowId) {
        return features.stream()
                .filter(f -> f.services().contains(serviceOrFlowId) || f.flows().contains(serviceOrFlowId))
                .findFirst();
    }
}
