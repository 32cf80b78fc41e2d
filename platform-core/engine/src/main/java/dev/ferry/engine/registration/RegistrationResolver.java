package dev.ferry.engine.registration;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.ConnectorRegistry;
import dev.ferry.engine.descriptor.Placeholders;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ServiceDef;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a product's services in with a registration's config values and checks them against the connectors'
 * settings. Used when registering (to refuse bad input) and before every run.
 */
@Component(service = RegistrationResolver.class)
public class RegistrationResolver {

    /** The longest config value a registration stores. */
    static final int MAX_VALUE = 4000;

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private ConnectorRegistry connectors;
    @Reference
    private FlowCopies flowCopies;
    @Reference
    private dev.ferry.engine.secret.SecretBox secrets;
    @Reference
    private Confinement confinement;

    /** The product's integration configs as connector-API fields, so one validation serves both. */
    public static List<ConfigField> configFields(ProductDescriptor product, String workspace) {
        List<ConfigField> fields = new ArrayList<>();
        for (ConfigDef c : product.configs()) {
            ConfigType type = ConfigType.fromLabel(c.type() == null ? "string" : c.type());
            fields.add(new ConfigField(c.name(), type, c.effectiveRequired(), Placeholders.fillDefault(c.defaultValue(), workspace),
                    c.effectiveSecret(), c.description()));
        }
        return fields;
    }

    /**
     * Checks config values for a product and fills in defaults.
     *
     * @throws InvalidInputException naming every unknown, missing or malformed value
     */
    public Map<String, String> checkConfig(ProductDescriptor product, String workspace, Map<String, String> values) {
        List<Problem> problems = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v != null && v.length() > MAX_VALUE) {
                problems.add(new Problem("config " + k, "is longer than " + MAX_VALUE + " characters"));
            }
        });
        try {
            Map<String, String> checked = Config.validate(values, configFields(product, workspace)).asMap();
            if (problems.isEmpty()) {
                return checked;
            }
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem("config " + p.field(), p.reason())));
        }
        throw new InvalidInputException(problems);
    }

    /**
     * What {@link #checkAll} found right: the config values with defaults filled in, and the registration they resolve
     * to, or null when a connector the product needs is not installed (its settings are checked when it comes).
     */
    public record Checked(Map<String, String> config, ResolvedRegistration resolved) {
    }

    /**
     * Checks config values for a product and, with those that are right, the connectors' settings they fill in: every
     * problem at once (an unknown config does not hide a bad table name).
     *
     * @throws InvalidInputException naming every problem; a setting's problem names the config that feeds it
     */
    public Checked checkAll(String id, String workspace, ProductDescriptor product, Map<String, String> values,
                            Map<String, String> features, RegistrationOverrides overrides) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> config;
        try {
            config = checkConfig(product, workspace, values);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            Set<String> wrong = e.problems().stream().map(Problem::field).collect(Collectors.toSet());
            config = new LinkedHashMap<>();
            for (ConfigField f : configFields(product, workspace)) {
                String v = values.containsKey(f.name()) && !wrong.contains("config " + f.name()) ? values.get(f.name()) : f.defaultValue();
                if (v != null) {
                    config.put(f.name(), v);
                }
            }
        }
        ResolvedRegistration resolved = null;
        try {
            resolved = resolve(id, workspace, product, config, features, overrides);
        } catch (InvalidInputException e) {
            Set<String> known = problems.stream().map(Problem::field).collect(Collectors.toSet());
            e.problems().stream().filter(p -> !known.contains(p.field())).forEach(problems::add);
        } catch (NotRunnableException e) {
            // registering ahead of a connector is fine: the registration waits for it
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(config, resolved);
    }

    /** Resolves a stored registration. */
    public ResolvedRegistration resolve(String registrationId) {
        RegistrationEntity r = store.inTransaction(em -> em.find(RegistrationEntity.class, registrationId));
        if (r == null) {
            throw new NotFoundException("registration", registrationId);
        }
        ProductDescriptor product = catalog.loaded(r.productId, r.productVersion)
                .orElseThrow(() -> new NotRunnableException("product " + r.productId + " " + r.productVersion
                        + " is not installed"))
                .descriptor();
        return resolve(r.id, r.workspace, flowCopies.applyTo(r.workspace, product), secrets.open(r.config), r.features, overrides(r));
    }

    /** What a stored registration sets over its product. */
    public static RegistrationOverrides overrides(RegistrationEntity r) {
        return r.overrides == null ? RegistrationOverrides.NONE : RecordJson.read(r.overrides, RegistrationOverrides.class);
    }

    /** Overrides as stored: null when they set nothing. */
    public static String write(RegistrationOverrides overrides) {
        return overrides == null || overrides.equals(RegistrationOverrides.NONE) ? null : RecordJson.write(overrides);
    }

    /**
     * Resolves a registration that may not be stored yet.
     *
     * @throws InvalidInputException when a value does not fit a connector's settings or module options
     * @throws NotRunnableException  when a connector the product needs is not installed
     */
    public ResolvedRegistration resolve(String id, String workspace, ProductDescriptor product, Map<String, String> config,
                                        Map<String, String> features, RegistrationOverrides overrides) {
        List<Problem> problems = new ArrayList<>();
        Map<String, ResolvedService> services = new LinkedHashMap<>();
        for (ServiceDef def : product.services()) {
            String range = product.connectorRange(def.connector());
            Connector connector = connectors.serving(def.connector(), range).orElseThrow(() -> new NotRunnableException(
                    connectors.missing(def.connector(), range)));
            String where = "service " + def.id();
            ModuleSpec module;
            try {
                module = connector.module(def.module());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(where + " module", e.getMessage()));
                continue;
            }
            ServiceType type = ServiceType.fromLabel(def.type());
            if (!module.serviceTypes().contains(type)) {
                problems.add(new Problem(where + " type", "module " + def.connector() + "/" + def.module()
                        + " has no " + type.label() + " side"));
            }
            Config connection = validate(fill(def.connection(), config), def.connection(), connector.connectionSpec(),
                    where + " connection", problems);
            Config options = validate(fill(def.object().options(), config), def.object().options(), module.objectOptions(),
                    where + " object option", problems);
            if (connection == null || options == null) {
                continue;
            }
            int before = problems.size();
            checkReach(workspace, connection, connector.connectionSpec(), def.connection(), where + " connection", problems);
            checkReach(workspace, options, module.objectOptions(), def.object().options(), where + " object option", problems);
            if (problems.size() > before) {
                continue;
            }
            List<FieldSpec> fields = def.object().fields().stream()
                    .map(f -> new FieldSpec(f.name(), FieldType.fromLabel(f.type()), f.effectiveRequired()))
                    .collect(Collectors.toList());
            DataObject object = new DataObject(def.object().name(), fields, def.object().primaryKey(), options);
            try {
                connector.validate(def.module(), connection, object);
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(problem(where + " object option", p.field(), def.object().options(), p.reason())));
                continue;
            }
            ReadMode mode = "full".equals(def.mode()) ? ReadMode.FULL : ReadMode.INCREMENTAL;
            services.put(def.id(), new ResolvedService(def, type, connector, connection, object, mode));
        }
        for (FlowDef flow : product.flows()) {
            ResolvedService target = services.get(flow.to().service());
            if (target == null) {
                continue;
            }
            Set<Operation> supported = target.connector().module(target.def().module()).operations();
            Set<Operation> needed = new LinkedHashSet<>(List.of(Operation.fromLabel(flow.to().operation())));
            if (!flow.from().isCloseOut() && !flow.from().isOnDemand() && flow.from().eventKinds().contains("deleted")) {
                needed.add(Operation.DELETE);
            }
            needed.removeAll(supported);
            if (!needed.isEmpty()) {
                problems.add(new Problem("flow " + flow.id(), "module " + target.def().connector() + "/" + target.def().module()
                        + " does not support " + needed.stream().map(Operation::label).collect(Collectors.joining(", "))));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ResolvedRegistration(id, workspace, product, config, features, services, overrides);
    }

    /** Folders and databases a service's settings name, checked against what its workspace may reach. */
    private void checkReach(String workspace, Config values, List<ConfigField> fields, Map<String, String> declared,
                            String where, List<Problem> problems) {
        if (confinement == null) {
            return;
        }
        for (ConfigField f : fields) {
            values.get(f.name()).flatMap(v -> confinement.problem(workspace, f.type(), v))
                    .ifPresent(reason -> problems.add(problem(where, f.name(), declared, reason)));
        }
    }

    private static Map<String, String> fill(Map<String, String> values, Map<String, String> config) {
        Map<String, String> filled = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            // a setting that refers to an optional config without a value is left out
            if (config.keySet().containsAll(Placeholders.configNames(v))) {
                filled.put(k, Placeholders.fillConfig(v, config));
            }
        });
        return filled;
    }

    private static Config validate(Map<String, String> values, Map<String, String> declared, List<ConfigField> fields,
                                   String where, List<Problem> problems) {
        try {
            return Config.validate(values, fields);
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(problem(where, p.field(), declared, p.reason())));
            return null;
        }
    }

    /**
     * A connector setting's problem, named after the integration config that feeds the setting (what the user typed),
     * with the setting said in the reason; named after the setting when no config feeds it.
     */
    private static Problem problem(String where, String setting, Map<String, String> declared, String reason) {
        Set<String> configs = Placeholders.configNames(declared.getOrDefault(setting, ""));
        return configs.isEmpty() ? new Problem(where + " '" + setting + "'", reason)
                : new Problem("config " + String.join(", ", configs), reason + " (" + where + " '" + setting + "')");
    }
}
