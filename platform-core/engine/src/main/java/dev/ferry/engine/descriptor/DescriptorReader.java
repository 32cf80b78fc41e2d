package dev.ferry.engine.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FeatureDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FieldDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.JobDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ServiceDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses a product descriptor and checks that it holds together, reporting every error with its path. */
public final class DescriptorReader {

    /** A processor stage's name: what the processor's {@code ferry.processor} service property says. */
    private static final java.util.regex.Pattern PROCESSOR_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** The descriptor's JSON Schema (docs/product.schema.json), as a resource of this bundle. */
    public static final String SCHEMA_RESOURCE = "/dev/ferry/engine/descriptor/product.schema.json";

    private static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String SEMVER = "\\d+\\.\\d+\\.\\d+([.-][A-Za-z0-9.-]+)?";
    private static final Set<String> TYPES = Set.of("standard", "custom", "project-based");
    private static final Set<String> LIFECYCLES = Set.of("draft", "published", "deprecated", "archived");
    private static final Set<String> EVENTS = Set.of("inserted", "updated", "deleted");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key given twice
    private final ExpressionCheck expressions;

    /** A reader that compiles the flows' expressions with this check. */
    public DescriptorReader(ExpressionCheck expressions) {
        this.expressions = expressions;
    }

    /** A reader that does not compile expressions (their syntax is then found when a registration starts). */
    public DescriptorReader() {
        this(ExpressionCheck.NONE);
    }

    /**
     * @param source where the JSON came from, for messages (e.g. the bundle)
     * @throws DescriptorException listing every problem
     */
    public ProductDescriptor read(String source, byte[] json) throws DescriptorException {
        return read(source, json, SharedFlows.NONE);
    }

    /**
     * Reads a product whose flows may use the shared flows {@code shared} holds: each such flow is given the newest
     * version in its range (its stages and configs), and the product is checked with them.
     *
     * @throws DescriptorException listing every problem, including shared flows that are not installed
     */
    public ProductDescriptor read(String source, byte[] json, SharedFlows shared) throws DescriptorException {
        com.fasterxml.jackson.databind.JsonNode tree = tree(source, json);
        List<String> shape = SchemaCheck.product().problems(tree);
        ProductDescriptor d = bind(source, tree, ProductDescriptor.class, shape);
        List<String> errors = new ArrayList<>();
        d = resolveLike(d, errors);
        d = resolveShared(d, shared, errors);
        checkProduct(d, errors);
        errors = merge(shape, errors);
        if (!errors.isEmpty()) {
            throw new DescriptorException(source, errors);
        }
        return d;
    }

    /** The JSON document, or its syntax error (a key given twice is one). */
    private com.fasterxml.jackson.databind.JsonNode tree(String source, byte[] json) throws DescriptorException {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new DescriptorException(source, List.of("(document): must be a JSON object"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new DescriptorException(source, List.of("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        } catch (java.io.IOException e) {
            throw new DescriptorException(source, List.of("cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The document as Java; when it cannot be, the schema's problems (all of them), or Jackson's first when the
     * schema found none.
     */
    private <T> T bind(String source, com.fasterxml.jackson.databind.JsonNode tree, Class<T> type, List<String> shape)
            throws DescriptorException {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new DescriptorException(source, shape.isEmpty() ? List.of(path(e) + ": " + e.getOriginalMessage()) : shape);
        } catch (JsonProcessingException e) {
            throw new DescriptorException(source, shape.isEmpty() ? List.of("cannot be read: " + e.getOriginalMessage()) : shape);
        }
    }

    /**
     * The schema's problems and Ferry's own, each place once: where both speak of the same path, Ferry's own (which
     * says more: "newer than this Ferry reads" rather than "not one of [1, 2]") stand.
     */
    static List<String> merge(List<String> shape, List<String> own) {
        Set<String> ownPaths = new HashSet<>();
        own.forEach(e -> ownPaths.add(pathOf(e)));
        List<String> all = new ArrayList<>();
        for (String e : shape) {
            if (!ownPaths.contains(pathOf(e))) {
                all.add(e);
            }
        }
        for (String e : own) {
            if (!all.contains(e)) {
                all.add(e);
            }
        }
        return all;
    }

    private static String pathOf(String error) {
        int colon = error.indexOf(": ");
        return colon < 0 ? error : error.substring(0, colon);
    }

    /**
     * Reads and checks a shared flow: its id, version and name, its configs, and its stages (fields and the services
     * lookups name are checked in each product that uses it).
     */
    public SharedFlowDescriptor readSharedFlow(String source, byte[] json) throws DescriptorException {
        com.fasterxml.jackson.databind.JsonNode tree = tree(source, json);
        List<String> shape = SchemaCheck.product().problems(tree, "sharedFlow");
        SharedFlowDescriptor f = bind(source, tree, SharedFlowDescriptor.class, shape);
        List<String> errors = new ArrayList<>();
        if (f.format() != null && (f.format() < 2 || f.format() > ProductDescriptor.FORMAT)) {
            errors.add("format: a shared flow is written in format 2" + (f.format() > ProductDescriptor.FORMAT
                    ? "; " + f.format() + " is newer than this Ferry reads" : ""));
        }
        require(f.id() != null && f.id().matches(SLUG), "id", "must be a lower-case slug (letters, digits, '-')", errors);
        require(f.version() != null && f.version().matches(SEMVER), "version", "must be a semantic version such as 1.0.0", errors);
        require(f.name() != null && !f.name().isBlank(), "name", "is required", errors);
        require(!f.stages().isEmpty(), "stages", "must declare at least one stage", errors);
        Set<String> configNames = new HashSet<>();
        for (int i = 0; i < f.configs().size(); i++) {
            checkConfig("configs[" + i + "]", f.configs().get(i), configNames, false, errors);
        }
        checkStages(f.stages(), j -> "stages[" + j + "]", null, null, configNames, errors);
        errors = merge(shape, errors);
        if (!errors.isEmpty()) {
            throw new DescriptorException(source, errors);
        }
        return f;
    }

    /**
     * The product with each object that is {@code like} another service's given that object's fields and key; the
     * other service must declare them itself.
     */
    private static ProductDescriptor resolveLike(ProductDescriptor d, List<String> errors) {
        if (d.services().stream().noneMatch(s -> s != null && s.object() != null && s.object().like() != null)) {
            return d;
        }
        List<ServiceDef> services = new ArrayList<>();
        for (int i = 0; i < d.services().size(); i++) {
            ServiceDef s = d.services().get(i);
            services.add(s);
            if (s == null || s.object() == null || s.object().like() == null) {
                continue;
            }
            String p = "services[" + i + "].object";
            if (!s.object().fields().isEmpty() || !s.object().primaryKey().isEmpty()) {
                errors.add(p + ": give either like or fields and primaryKey, not both");
                continue;
            }
            Optional<ServiceDef> other = d.service(s.object().like());
            if (other.isEmpty() || other.get().object() == null) {
                errors.add(p + ".like: '" + s.object().like() + "' is not a service of this product");
            } else if (other.get().object().like() != null) {
                errors.add(p + ".like: service '" + s.object().like() + "' is like another itself; name one that"
                        + " declares its fields");
            } else {
                services.set(i, s.withObject(s.object().withFieldsOf(other.get().object())));
            }
        }
        return d.withServices(services);
    }

    /** The product with each flow that names a shared flow given the version it finds, or errors saying why not. */
    private static ProductDescriptor resolveShared(ProductDescriptor d, SharedFlows shared, List<String> errors) {
        if (d.flows().stream().noneMatch(f -> f != null && f.shared() != null)) {
            return d;
        }
        List<FlowDef> flows = new ArrayList<>();
        for (int i = 0; i < d.flows().size(); i++) {
            FlowDef f = d.flows().get(i);
            flows.add(f);
            if (f == null || f.shared() == null) {
                continue;
            }
            String p = "flows[" + i + "].shared";
            ProductDescriptor.SharedRef ref = f.shared();
            if (ref.resolved() != null || ref.stages() != null || ref.configs() != null) {
                errors.add(p + ": resolved, stages and configs are filled in by Ferry when the product loads; give"
                        + " only id and version");
                continue;
            }
            require(f.configs().isEmpty(), "flows[" + i + "].configs", "a flow that uses a shared flow has the shared"
                    + " flow's configs (feed them with configMapping)", errors);
            if (ref.id() == null || ref.version() == null) {
                errors.add(p + ": needs id and version (a range such as [1.0.0,2.0.0), or a version meaning it or later)");
                continue;
            }
            Optional<SharedFlowDescriptor> found;
            try {
                found = shared.newest(ref.id(), ref.version());
            } catch (IllegalArgumentException e) {
                errors.add(p + ".version: " + e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                List<String> installed = shared.versions(ref.id());
                errors.add(p + ": no version of shared flow '" + ref.id() + "' in " + ref.version() + " is installed"
                        + (installed.isEmpty() ? " (none is)" : " (installed: " + String.join(", ", installed) + ")"));
                continue;
            }
            SharedFlowDescriptor sf = found.get();
            flows.set(i, f.withShared(new ProductDescriptor.SharedRef(ref.id(), ref.version(), sf.version(), sf.stages(),
                    sf.configs())));
        }
        return d.withFlows(flows);
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            } else {
                p.append(p.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return p.length() == 0 ? "(document)" : p.toString();
    }

    private void checkProduct(ProductDescriptor d, List<String> errors) {
        if (d.format() != null) {
            if (d.format() > ProductDescriptor.FORMAT) {
                errors.add("format: " + d.format() + " is newer than this Ferry reads (formats 1 to "
                        + ProductDescriptor.FORMAT + "): the product needs a newer Ferry");
            } else if (d.format() < 1) {
                errors.add("format: must be 1 to " + ProductDescriptor.FORMAT);
            } else if (d.format() == 1) {
                for (int i = 0; i < d.flows().size(); i++) {
                    require(d.flows().get(i) == null || d.flows().get(i).stages().isEmpty(), "flows[" + i + "].stages",
                            "format 1 has no stages (a flow of format 1 has only its mapping): declare format "
                                    + ProductDescriptor.FORMAT, errors);
                }
            }
        }
        require(d.id() != null && d.id().matches(SLUG), "id", "must be a lower-case slug (letters, digits, '-')", errors);
        require(d.version() != null && d.version().matches(SEMVER), "version",
                "must be a semantic version such as 1.0.0", errors);
        require(d.name() != null && !d.name().isBlank(), "name", "is required", errors);
        require(TYPES.contains(d.type()), "type", "must be one of " + TYPES, errors);
        require(LIFECYCLES.contains(d.lifecycle()), "lifecycle", "must be one of " + LIFECYCLES, errors);
        require(!d.connectors().isEmpty(), "connectors", "must name at least one connector", errors);
        Set<String> connectorIds = new HashSet<>();
        for (int i = 0; i < d.connectors().size(); i++) {
            ProductDescriptor.ConnectorRef c = d.connectors().get(i);
            String p = "connectors[" + i + "]";
            if (c == null || c.id() == null || c.id().isBlank()) {
                errors.add(p + ": needs a connector id");
                continue;
            }
            require(connectorIds.add(c.id()), p, "'" + c.id() + "' is named twice", errors);
            if (c.version() != null) {
                try {
                    c.accepts("0.0.0");
                } catch (IllegalArgumentException e) {
                    errors.add(p + ".version: " + e.getMessage());
                }
            }
        }

        Set<String> configNames = new HashSet<>();
        for (int i = 0; i < d.configs().size(); i++) {
            checkConfig("configs[" + i + "]", d.configs().get(i), configNames, true, errors);
        }
        Set<String> replaced = new HashSet<>();
        for (int i = 0; i < d.configs().size(); i++) {
            for (String old : d.configs().get(i).replaces()) {
                String p = "configs[" + i + "].replaces";
                if (configNames.contains(old)) {
                    errors.add(p + ": '" + old + "' is a config of this version; a config replaces one of an earlier version");
                } else {
                    require(replaced.add(old), p, "'" + old + "' is replaced by two configs", errors);
                }
            }
        }
        Set<String> serviceIds = new HashSet<>();
        for (int i = 0; i < d.services().size(); i++) {
            checkService("services[" + i + "]", d.services().get(i), d, serviceIds, configNames, errors);
        }
        Set<String> flowIds = new HashSet<>();
        for (int i = 0; i < d.flows().size(); i++) {
            checkFlow("flows[" + i + "]", d.flows().get(i), d, flowIds, errors);
        }
        Set<String> featureIds = new HashSet<>();
        for (int i = 0; i < d.features().size(); i++) {
            String p = "features[" + i + "]";
            FeatureDef f = d.features().get(i);
            checkId(p, f.id(), featureIds, errors);
            for (String s : f.services()) {
                require(serviceIds.contains(s), p + ".services", "'" + s + "' is not a service of this product", errors);
            }
            for (String fl : f.flows()) {
                require(flowIds.contains(fl), p + ".flows", "'" + fl + "' is not a flow of this product", errors);
            }
        }
        Set<String> jobIds = new HashSet<>();
        for (int i = 0; i < d.jobs().size(); i++) {
            checkJob("jobs[" + i + "]", d.jobs().get(i), d, serviceIds, jobIds, errors);
        }
    }

    /** {@code integration}: an integration config (only those replace configs of earlier versions). */
    private void checkConfig(String p, ConfigDef c, Set<String> names, boolean integration, List<String> errors) {
        require(integration || c.replaces().isEmpty(), p + ".replaces", "only an integration config replaces one of an"
                + " earlier version", errors);
        if (c.name() == null || !c.name().matches("[A-Za-z][A-Za-z0-9_.-]{0,99}")) {
            errors.add(p + ".name: must start with a letter and use letters, digits, '_', '.' or '-'");
            return;
        }
        require(names.add(c.name()), p + ".name", "'" + c.name() + "' is declared twice", errors);
        ConfigType type;
        try {
            type = ConfigType.fromLabel(c.type() == null ? "string" : c.type());
        } catch (IllegalArgumentException e) {
            errors.add(p + ".type: " + e.getMessage());
            return;
        }
        if (c.defaultValue() != null) {
            type.problem(Placeholders.fillDefault(c.defaultValue(), "workspace"))
                    .ifPresent(problem -> errors.add(p + ".defaultValue: " + problem));
        }
    }

    private void checkService(String p, ServiceDef s, ProductDescriptor d, Set<String> ids, Set<String> configNames,
                              List<String> errors) {
        checkId(p, s.id(), ids, errors);
        require(s.connector() != null && d.connectorIds().contains(s.connector()), p + ".connector",
                "'" + s.connector() + "' is not one of the product's connectors " + d.connectorIds(), errors);
        require(s.module() != null && !s.module().isBlank(), p + ".module", "is required", errors);
        ServiceType type = null;
        try {
            type = ServiceType.fromLabel(String.valueOf(s.type()));
        } catch (IllegalArgumentException e) {
            errors.add(p + ".type: " + e.getMessage());
        }
        if (s.mode() != null) {
            require(type == ServiceType.CACHE_WRITER, p + ".mode", "only a cache-writer reads, so only it has a mode", errors);
            require(s.mode().equals("full") || s.mode().equals("incremental"), p + ".mode",
                    "must be full or incremental", errors);
        }
        require(s.retry().maxAttempts() >= 1 && s.retry().maxAttempts() <= 100, p + ".retry.maxAttempts",
                "must be between 1 and 100", errors);
        try {
            Schedules.interval(s.retry().firstDelay());
        } catch (IllegalArgumentException e) {
            errors.add(p + ".retry.firstDelay: " + e.getMessage());
        }
        try {
            Schedules.interval(s.timeout());
        } catch (IllegalArgumentException e) {
            errors.add(p + ".timeout: " + e.getMessage());
        }
        s.connection().forEach((k, v) -> checkPlaceholders(p + ".connection." + k, v, configNames, errors));
        if (s.object() == null) {
            errors.add(p + ".object: is required");
            return;
        }
        require(s.object().name() != null && !s.object().name().isBlank(), p + ".object.name", "is required", errors);
        require(!s.object().fields().isEmpty(), p + ".object.fields", "must declare at least one field", errors);
        Set<String> fieldNames = new HashSet<>();
        for (int i = 0; i < s.object().fields().size(); i++) {
            FieldDef f = s.object().fields().get(i);
            String fp = p + ".object.fields[" + i + "]";
            if (f.name() == null || f.name().isBlank()) {
                errors.add(fp + ".name: is required");
                continue;
            }
            require(fieldNames.add(f.name()), fp + ".name", "'" + f.name() + "' is declared twice", errors);
            try {
                FieldType.fromLabel(String.valueOf(f.type()));
            } catch (IllegalArgumentException e) {
                errors.add(fp + ".type: " + e.getMessage());
            }
        }
        require(!s.object().primaryKey().isEmpty(), p + ".object.primaryKey", "must name at least one field", errors);
        for (String k : s.object().primaryKey()) {
            require(fieldNames.contains(k), p + ".object.primaryKey", "'" + k + "' is not a field", errors);
        }
        s.object().options().forEach((k, v) -> checkPlaceholders(p + ".object.options." + k, v, configNames, errors));
    }

    private void checkFlow(String p, FlowDef f, ProductDescriptor d, Set<String> ids, List<String> errors) {
        checkId(p, f.id(), ids, errors);
        if (f.from() == null || f.to() == null) {
            errors.add(p + ": needs both 'from' and 'to'");
            return;
        }
        Optional<ServiceDef> target = d.service(String.valueOf(f.to().service()));
        require(target.filter(s -> "action-processor".equals(s.type())).isPresent(), p + ".to.service",
                "'" + f.to().service() + "' is not an action-processor service of this product", errors);
        Set<String> configNames = checkFlowConfigs(p, f, d, errors);
        // the fields a record has at each stage: the source object's, then those the map stages set
        Set<String> fields = checkTrigger(p + ".from", f, d, configNames, errors);
        try {
            Operation.fromLabel(String.valueOf(f.to().operation()));
        } catch (IllegalArgumentException e) {
            errors.add(p + ".to.operation: " + e.getMessage());
        }
        fields = checkStages(f.allStages(), j -> f.stagePath(p, j), d, fields, configNames, errors);
        Optional<ServiceDef> source = f.from().isCloseOut() ? Optional.empty() : d.service(String.valueOf(f.from().service()));
        if (!f.from().isCloseOut() && !f.from().isOnDemand() && f.from().eventKinds().contains("deleted")
                && source.isPresent() && target.isPresent() && source.get().object() != null
                && target.get().object() != null) {
            checkDeletionKeys(p, f, source.get(), target.get(), errors);
        }
        if (fields != null && target.isPresent() && target.get().object() != null) {
            Set<String> sourceFields = fields;
            Set<String> targetFields = fieldNames(target.get());
            f.mapping().forEach((to, from) -> {
                require(targetFields.contains(to), p + ".mapping." + to, "is not a field of the target object", errors);
                require(sourceFields.contains(from), p + ".mapping." + to, "'" + from + "' is not a field of the source object", errors);
            });
        }
    }

    /**
     * Stages in order: each has exactly one kind, its values name fields the record has there (when {@code fields}
     * is known) and configs it sees, its expressions compile. Returns the fields a record has after them (null when
     * they cannot be told). {@code d} is the product, for the services lookups name; null for a shared flow's stages.
     */
    private Set<String> checkStages(List<StageDef> stages, java.util.function.IntFunction<String> pathOf,
                                    ProductDescriptor d, Set<String> fields, Set<String> configNames, List<String> errors) {
        for (int j = 0; j < stages.size(); j++) {
            String sp = pathOf.apply(j);
            StageDef stage = stages.get(j);
            if (stage == null || stage.kind() == null) {
                errors.add(sp + ": give exactly one of filter, map, processor or lookup");
                continue;
            }
            if (stage.lookup() != null) {
                checkLookup(sp + ".lookup", stage.lookup(), d, fields, configNames, errors);
                if (fields != null && stage.lookup().fields() != null) {
                    fields = new HashSet<>(fields);
                    fields.addAll(stage.lookup().fields().keySet());
                }
                continue;
            }
            if (stage.processor() != null) {
                require(PROCESSOR_NAME.matcher(stage.processor()).matches(), sp + ".processor",
                        "'" + stage.processor() + "' is not a processor name (letters, digits, '.', '_' and '-')", errors);
                fields = null; // a processor may add fields or take them away: later stages are not checked by name
                continue;
            }
            if (stage.filter() != null) {
                checkValue(sp + ".filter", stage.filter(), fields, configNames, true, errors);
                continue;
            }
            if (stage.map().isEmpty()) {
                errors.add(sp + ".map: names no field");
            }
            for (Map.Entry<String, ValueDef> e : stage.map().entrySet()) {
                require(!e.getKey().isBlank(), sp + ".map", "a field name is empty", errors);
                checkValue(sp + ".map." + e.getKey(), e.getValue(), fields, configNames, false, errors);
            }
            if (fields != null) {
                fields = new HashSet<>(fields);
                fields.addAll(stage.map().keySet());
            }
        }
        return fields;
    }

    /**
     * A flow's own configs: each well named, of a known type, with exactly one source: the integration config its
     * {@code configMapping} names or the one of the same name (a default serves when there is neither), of the same
     * type. Returns the config names the flow's stages may use: its own, or the integration configs when it declares
     * none.
     */
    private Set<String> checkFlowConfigs(String p, FlowDef f, ProductDescriptor d, List<String> errors) {
        Set<String> integration = d.configs().stream().map(ConfigDef::name).collect(Collectors.toSet());
        List<ConfigDef> flowConfigs = f.allConfigs();
        String configsPath = f.shared() != null ? p + ".shared(" + f.shared().id() + " " + f.shared().resolved()
                + ").configs" : p + ".configs";
        if (flowConfigs.isEmpty()) {
            require(f.configMapping().isEmpty(), p + ".configMapping", "maps configs of the flow, but the flow declares"
                    + " none (its stages see the integration configs)", errors);
            return integration;
        }
        Set<String> own = new HashSet<>();
        for (int i = 0; i < flowConfigs.size(); i++) {
            String cp = configsPath + "[" + i + "]";
            ConfigDef c = flowConfigs.get(i);
            checkConfig(cp, c, own, false, errors);
            if (c.name() == null || !own.contains(c.name())) {
                continue;
            }
            String source = f.configSource(c.name());
            Optional<ConfigDef> from = d.config(source);
            if (from.isEmpty()) {
                require(c.defaultValue() != null, cp, "flow config '" + c.name() + "' has no source: map it to an"
                        + " integration config in configMapping, declare an integration config '" + c.name()
                        + "', or give it a defaultValue", errors);
                continue;
            }
            String theirs = from.get().type() == null ? "string" : from.get().type();
            String ours = c.type() == null ? "string" : c.type();
            require(theirs.equals(ours), cp + ".type", "flow config '" + c.name() + "' is " + ours + " but integration"
                    + " config '" + source + "' that feeds it is " + theirs, errors);
        }
        f.configMapping().forEach((flowConfig, source) -> {
            require(own.contains(flowConfig), p + ".configMapping." + flowConfig, "is not a config of the flow", errors);
            require(integration.contains(source), p + ".configMapping." + flowConfig, "'" + source
                    + "' is not an integration config of this product", errors);
        });
        return own;
    }

    /**
     * A flow's trigger: cache events of a cache writer (with filters for some kinds), the ended actions of another
     * flow, or every cached record on demand; returns the fields a record has when it enters the flow's stages (null
     * when they cannot be told).
     */
    private Set<String> checkTrigger(String p, FlowDef f, ProductDescriptor d, Set<String> configNames,
                                     List<String> errors) {
        ProductDescriptor.FlowSource from = f.from();
        if (from.isCloseOut()) {
            require(from.service() == null, p, "give either service (cache events, on demand) or flow (close-outs), not both", errors);
            require(from.events() == null && from.when() == null && from.demand() == null, p,
                    "a close-out flow has outcomes, not events, when or demand", errors);
            require(!from.outcomeKinds().isEmpty(), p + ".outcomes", "must name at least one of "
                    + ProductDescriptor.FlowSource.OUTCOMES, errors);
            for (String o : from.outcomeKinds()) {
                require(ProductDescriptor.FlowSource.OUTCOMES.contains(o), p + ".outcomes", "'" + o + "' is not one of "
                        + ProductDescriptor.FlowSource.OUTCOMES, errors);
            }
            Optional<FlowDef> closed = d.flow(from.flow());
            if (closed.isEmpty()) {
                errors.add(p + ".flow: '" + from.flow() + "' is not a flow of this product");
                return null;
            }
            if (closesOutItself(f, d)) {
                errors.add(p + ".flow: close-outs go round in a cycle (" + cycle(f, d) + "): each flow's actions would"
                        + " trigger the next for ever");
                return null;
            }
            // the actions' records: the other flow's target fields (a get's result over them), and how they ended
            Optional<ServiceDef> theirTarget = closed.get().to() == null ? Optional.empty()
                    : d.service(String.valueOf(closed.get().to().service())).filter(s -> s.object() != null);
            if (theirTarget.isEmpty()) {
                return null;
            }
            Set<String> fields = new HashSet<>(fieldNames(theirTarget.get()));
            fields.addAll(CLOSE_OUT_FIELDS);
            return fields;
        }
        Optional<ServiceDef> source = d.service(String.valueOf(from.service()));
        require(source.filter(s -> "cache-writer".equals(s.type())).isPresent(), p + ".service",
                from.service() == null ? "is required: the cache-writer service whose records trigger the flow (or give"
                        + " flow, for a close-out)"
                        : "'" + from.service() + "' is not a cache-writer service of this product", errors);
        require(from.outcomes() == null, p + ".outcomes", "only a close-out flow (from.flow) has outcomes", errors);
        Set<String> fields = source.filter(s -> s.object() != null).map(DescriptorReader::fieldNames).orElse(null);
        if (from.isOnDemand()) {
            require(from.events() == null && from.when() == null, p, "a flow on demand takes every cached record:"
                    + " it has no events or when", errors);
            return fields;
        }
        require(!from.eventKinds().isEmpty(), p + ".events", "must name at least one of " + EVENTS, errors);
        for (String e : from.eventKinds()) {
            require(EVENTS.contains(e), p + ".events", "'" + e + "' is not one of " + EVENTS, errors);
        }
        from.filters().forEach((kind, filter) -> {
            require(from.eventKinds().contains(kind), p + ".when." + kind, "is not one of the flow's events "
                    + from.eventKinds(), errors);
            // a deletion carries only the source's key fields
            Set<String> known = "deleted".equals(kind) && source.filter(s -> s.object() != null).isPresent()
                    ? Set.copyOf(source.get().object().primaryKey()) : fields;
            checkValue(p + ".when." + kind, filter, known, configNames, true, errors);
        });
        return fields;
    }

    /** Fields a close-out flow's records have besides the closed action's: how the action ended. */
    public static final List<String> CLOSE_OUT_FIELDS = List.of("_outcome", "_code", "_error");

    /** Whether following close-outs from this flow comes back to it. */
    private static boolean closesOutItself(FlowDef start, ProductDescriptor d) {
        return !cycle(start, d).isEmpty();
    }

    /** The close-out chain from a flow back to itself ({@code a → b → a}), or "" when there is none. */
    private static String cycle(FlowDef start, ProductDescriptor d) {
        List<String> chain = new ArrayList<>(List.of(start.id()));
        FlowDef at = start;
        while (at.from() != null && at.from().isCloseOut()) {
            Optional<FlowDef> next = d.flow(at.from().flow());
            if (next.isEmpty()) {
                return "";
            }
            at = next.get();
            if (at.id().equals(start.id())) {
                chain.add(at.id());
                java.util.Collections.reverse(chain);
                return String.join(" → ", chain);
            }
            if (chain.contains(at.id())) {
                return ""; // a cycle further on, reported at its own flows
            }
            chain.add(at.id());
        }
        return "";
    }

    /**
     * A lookup: a cache-writer service of the product with an object, one key value per key field of it (each a value
     * the record has there), fields it has, a known behaviour when the key is missing.
     */
    private void checkLookup(String p, ProductDescriptor.LookupDef l, ProductDescriptor d, Set<String> fields,
                             Set<String> configNames, List<String> errors) {
        Optional<ServiceDef> looked = d == null ? Optional.empty() : d.service(String.valueOf(l.service()));
        if (l.service() == null || d != null
                && looked.filter(s -> "cache-writer".equals(s.type()) && s.object() != null).isEmpty()) {
            errors.add(p + ".service: " + (l.service() == null ? "is required (the cache-writer service to look records up in)"
                    : "'" + l.service() + "' is not a cache-writer service of this product"));
        }
        List<String> keyFields = looked.map(s -> s.object() == null ? null : s.object().primaryKey()).orElse(null);
        if (l.key() == null || l.key().isEmpty()) {
            errors.add(p + ".key: is required: the value of each key field of the looked-up service"
                    + (keyFields == null ? "" : " " + keyFields));
        } else {
            if (keyFields != null && l.key().size() != keyFields.size()) {
                errors.add(p + ".key: gives " + l.key().size() + " value(s) for the " + keyFields.size() + " key field(s) "
                        + keyFields + " of service '" + l.service() + "'");
            }
            for (int k = 0; k < l.key().size(); k++) {
                checkValue(p + ".key[" + k + "]", l.key().get(k), fields, configNames, false, errors);
            }
        }
        if (l.fields() == null || l.fields().isEmpty()) {
            errors.add(p + ".fields: is required: each field to set, and the looked-up record's field it takes");
        } else {
            Set<String> theirs = looked.filter(s -> s.object() != null).map(DescriptorReader::fieldNames).orElse(null);
            l.fields().forEach((to, from) -> {
                require(!to.isBlank(), p + ".fields", "a field name is empty", errors);
                require(theirs == null || theirs.contains(from), p + ".fields." + to,
                        "'" + from + "' is not a field of service '" + l.service() + "'", errors);
            });
        }
        require(l.missing() == null || ProductDescriptor.LookupDef.MISSING.contains(l.missing()), p + ".missing",
                "'" + l.missing() + "' is not one of " + ProductDescriptor.LookupDef.MISSING, errors);
    }

    /**
     * A deletion carries only the source's key fields, so each of the target's key fields must come from one of them
     * (by name, a field reference, the first format's mapping), a constant or a config; an expression is trusted.
     */
    private static void checkDeletionKeys(String p, FlowDef f, ServiceDef source, ServiceDef target, List<String> errors) {
        Set<String> sourceKey = Set.copyOf(source.object().primaryKey());
        for (String key : target.object().primaryKey()) {
            String from = f.mapping().getOrDefault(key, key); // the first format's rename
            ValueDef last = null;
            boolean byLookup = false;
            for (StageDef stage : f.allStages()) {
                if (stage != null && stage.map() != null && stage.map().containsKey(key)) {
                    last = stage.map().get(key);
                    byLookup = false;
                } else if (stage != null && stage.lookup() != null && stage.lookup().fields() != null
                        && stage.lookup().fields().containsKey(key)) {
                    byLookup = true;
                }
            }
            if (byLookup) {
                errors.add(p + ".from.events: a lookup sets the target's key field '" + key + "', but deletions pass"
                        + " lookups as they are: a deletion would name another record than the one written");
                continue;
            }
            if (last != null && last.given().size() == 1 && last.field() == null) {
                continue; // a constant, a config or an expression
            }
            String field = last != null && last.field() != null ? last.field() : from;
            require(field == null || sourceKey.contains(field), p + ".from.events",
                    "a deletion knows only the source's key fields " + sourceKey + ", so the target's key field '" + key
                            + "' cannot be set from '" + field + "'", errors);
        }
    }

    /** A stage's value: one source, a field the record has there, a config of the product, an expression that compiles. */
    private void checkValue(String p, ValueDef v, Set<String> fields, Set<String> configNames, boolean predicate,
                            List<String> errors) {
        if (v == null || v.given().size() != 1) {
            errors.add(p + ": give exactly one of field, constant, config, simple or jq"
                    + (v == null || v.given().isEmpty() ? "" : " (not " + String.join(" and ", v.given()) + ")"));
            return;
        }
        if (v.field() != null && fields != null) {
            require(fields.contains(v.field()), p + ".field", "'" + v.field() + "' is not a field of the record here"
                    + " (the source object's fields and those set by earlier map stages)", errors);
        }
        if (v.config() != null) {
            require(configNames.contains(v.config()), p + ".config", "'" + v.config() + "' is not a config of this product"
                    + " the flow sees (a flow that declares configs sees only those)", errors);
        }
        if (v.simple() != null) {
            expressions.problem("simple", v.simple(), predicate).ifPresent(problem -> errors.add(p + ".simple: " + problem));
        }
        if (v.jq() != null) {
            expressions.problem("jq", v.jq(), predicate).ifPresent(problem -> errors.add(p + ".jq: " + problem));
        }
    }

    private void checkJob(String p, JobDef j, ProductDescriptor d, Set<String> serviceIds, Set<String> ids,
                          List<String> errors) {
        checkId(p, j.id(), ids, errors);
        require(!j.steps().isEmpty(), p + ".steps", "must name at least one service or flow", errors);
        for (String step : j.steps()) {
            Optional<FlowDef> flow = d.flow(step);
            if (flow.isPresent()) {
                require(flow.get().from() != null && flow.get().from().isOnDemand(), p + ".steps", "flow '" + step
                        + "' runs on its trigger; only a flow on demand (from.demand) can be a job step", errors);
            } else {
                require(serviceIds.contains(step), p + ".steps", "'" + step + "' is not a service or flow of this product", errors);
            }
        }
        if (j.schedule() == null) {
            return; // runs when started by hand
        }
        Schedules.problems(j.schedule().every(), j.schedule().cron(), j.schedule().timeZone()).forEach((field, reason) ->
                errors.add(p + ".schedule" + (field.isEmpty() ? "" : "." + field) + ": " + reason));
    }

    private static Set<String> fieldNames(ServiceDef s) {
        return s.object().fields().stream().map(FieldDef::name).collect(Collectors.toSet());
    }

    private static void checkPlaceholders(String p, String value, Set<String> configNames, List<String> errors) {
        for (String name : Placeholders.configNames(value)) {
            require(configNames.contains(name), p, "refers to config '" + name + "', which the product does not declare", errors);
        }
    }

    private static void checkId(String p, String id, Set<String> ids, List<String> errors) {
        if (id == null || !id.matches(SLUG)) {
            errors.add(p + ".id: must be a lower-case slug (letters, digits, '-')");
            return;
        }
        require(ids.add(id), p + ".id", "'" + id + "' is declared twice", errors);
    }

    private static void require(boolean ok, String path, String reason, List<String> errors) {
        if (!ok) {
            errors.add(path + ": " + reason);
        }
    }

    /**
     * The JSON Schema of a shared flow's descriptor, made from the product descriptor's schema (whose
     * {@code $defs/sharedFlow} it is), so the two share their definitions of stages and configs.
     */
    public static String sharedFlowSchema(String productSchema) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode product =
                    (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(productSchema);
            com.fasterxml.jackson.databind.node.ObjectNode flow = new ObjectMapper().createObjectNode();
            flow.put("$schema", product.path("$schema").asText());
            flow.put("$id", "https://ferry.dev/schemas/shared-flow.schema.json");
            flow.put("title", "Ferry shared flow descriptor (flow.json)");
            flow.put("$ref", "#/$defs/sharedFlow");
            flow.set("$defs", product.get("$defs"));
            return flow.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the product descriptor's schema cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every problem of a descriptor already read (a product with a flow's stages replaced, say), with paths. */
    public List<String> problems(ProductDescriptor d) {
        List<String> errors = new ArrayList<>();
        checkProduct(d, errors);
        return errors;
    }

    /**
     * Reads a list of stages: a JSON array of stages, or an object whose {@code stages} is one.
     *
     * @throws DescriptorException when it is not that, with the path of the first problem
     */
    public List<StageDef> readStages(String source, String json) throws DescriptorException {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(json);
            if (tree != null && tree.isObject() && tree.size() == 1 && tree.has("stages")) {
                tree = tree.get("stages");
            }
            if (tree == null || !tree.isArray()) {
                throw new DescriptorException(source, List.of("(document): must be an array of stages, or an object"
                        + " with only 'stages'"));
            }
            List<StageDef> stages = mapper.readerForListOf(StageDef.class).readValue(tree);
            return java.util.Collections.unmodifiableList(new ArrayList<>(stages)); // a null stage is reported by the checks
        } catch (JsonMappingException e) {
            throw new DescriptorException(source, List.of("stages" + path(e).replaceFirst("^\\(document\\)", "") + ": "
                    + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new DescriptorException(source, List.of("not valid JSON: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new DescriptorException(source, List.of("cannot be read: " + e.getMessage()));
        }
    }

    /** Stages as JSON. */
    public String writeStages(List<StageDef> stages) {
        try {
            return mapper.writeValueAsString(stages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The descriptor as JSON again (stored with the installed product). */
    public String write(ProductDescriptor d) {
        try {
            return mapper.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a descriptor stored by {@link #write}; it was checked when it was installed. */
    public ProductDescriptor readStored(String json) {
        try {
            return mapper.readValue(json, ProductDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product descriptor cannot be read: " + e.getMessage(), e);
        }
    }

}
