package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.Placeholders;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FeatureDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.JobDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ServiceDef;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationOverrides.JobOverride;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationPlan.Change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works out what changing a registration from one setup to another does: every difference a user would want to
 * see before it is applied, and which services' caches reset. Nothing here touches the store.
 */
public final class RegistrationPlanner {

    static final String MASK = "****";

    /**
     * What a registration runs: its product version's definition (flow-template copies in place), its config values,
     * feature states and overrides.
     */
    public record Setup(ProductDescriptor product, Map<String, String> config, Map<String, String> features,
                        RegistrationOverrides overrides) {

        /** A config's value, or the default it takes. */
        String value(String name) {
            String v = config.get(name);
            if (v != null) {
                return v;
            }
            return product.config(name).map(ConfigDef::defaultValue).map(Placeholders::fillProperties).orElse(null);
        }

        /** Each feature's state (active unless set). */
        Map<String, String> featureStates() {
            Map<String, String> states = new LinkedHashMap<>();
            product.features().forEach(f -> states.put(f.id(), features.getOrDefault(f.id(), "active")));
            return states;
        }

        /** Every config's value: set or default. */
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            product.configs().forEach(c -> {
                String v = value(c.name());
                if (v != null) {
                    values.put(c.name(), v);
                }
            });
            values.putAll(config);
            return values;
        }
    }

    private RegistrationPlanner() {
    }

    /** The plan of moving from {@code before} to {@code after}; {@code applied} false, for a preview. */
    public static RegistrationPlan plan(String registration, String workspace, Setup before, Setup after) {
        List<Change> changes = new ArrayList<>();
        String from = before.product().version();
        String to = after.product().version();
        if (!from.equals(to)) {
            changes.add(new Change("version", after.product().id(), "changed", from, to));
        }
        configs(before, after, changes);
        features(before, after, changes);
        overrides(before, after, changes);
        services(before, after, changes);
        List<String> resets = new ArrayList<>();
        resets(before, after).forEach((service, why) -> resets.add(service + ": " + why));
        compare("flow", before.product().flows(), after.product().flows(), FlowDef::id, changes);
        jobs(before, after, changes);
        Map<String, String> parts = Definitions.parts(after.product());
        return new RegistrationPlan(registration, workspace, after.product().id(), from, to, changes, resets,
                missingConfigs(after), false, Definitions.hash(after.product().id(), to, parts));
    }

    /** Required configs with neither a value nor a default. */
    public static List<String> missingConfigs(Setup setup) {
        return setup.product().configs().stream()
                .filter(c -> c.effectiveRequired() && setup.value(c.name()) == null)
                .map(ConfigDef::name).collect(Collectors.toList());
    }

    private static void configs(Setup before, Setup after, List<Change> changes) {
        Set<String> names = new LinkedHashSet<>();
        before.product().configs().forEach(c -> names.add(c.name()));
        after.product().configs().forEach(c -> names.add(c.name()));
        names.addAll(before.config().keySet());
        names.addAll(after.config().keySet());
        for (String name : names) {
            boolean was = before.product().config(name).isPresent();
            boolean is = after.product().config(name).isPresent();
            boolean secret = before.product().config(name).map(ConfigDef::effectiveSecret).orElse(false)
                    || after.product().config(name).map(ConfigDef::effectiveSecret).orElse(false);
            String v0 = shown(before.value(name), secret);
            String v1 = shown(after.value(name), secret);
            if (!was && is) {
                changes.add(new Change("config", name, "added", null, v1 == null ? "(no value)" : v1));
            } else if (was && !is) {
                changes.add(new Change("config", name, "removed", v0, null));
            } else if (!Objects.equals(before.value(name), after.value(name))) {
                changes.add(new Change("config", name, "changed", v0, v1));
            }
        }
    }

    private static String shown(String value, boolean secret) {
        return value != null && secret ? MASK : value;
    }

    private static void features(Setup before, Setup after, List<Change> changes) {
        Map<String, String> s0 = before.featureStates();
        Map<String, String> s1 = after.featureStates();
        Set<String> ids = new LinkedHashSet<>(s0.keySet());
        ids.addAll(s1.keySet());
        for (String id : ids) {
            String a = s0.get(id);
            String b = s1.get(id);
            if (a == null) {
                changes.add(new Change("feature", id, "added", null, b));
            } else if (b == null) {
                changes.add(new Change("feature", id, "removed", a, null));
            } else if (!a.equals(b)) {
                changes.add(new Change("feature", id, "changed", a, b));
            } else if (!before.product().feature(id).equals(after.product().feature(id))) {
                changes.add(new Change("feature", id, "changed", members(before.product().feature(id).get()),
                        members(after.product().feature(id).get())));
            }
        }
    }

    private static String members(FeatureDef f) {
        List<String> all = new ArrayList<>(f.services());
        all.addAll(f.flows());
        return String.join(", ", all);
    }

    private static void overrides(Setup before, Setup after, List<Change> changes) {
        RegistrationOverrides o0 = before.overrides();
        RegistrationOverrides o1 = after.overrides();
        if (o0.paused() != o1.paused()) {
            changes.add(new Change("override", "paused", "changed", String.valueOf(o0.paused()), String.valueOf(o1.paused())));
        }
        Set<String> features = new LinkedHashSet<>(o0.onboardingSchedules());
        features.addAll(o1.onboardingSchedules());
        for (String f : features) {
            boolean a = o0.onboardingSchedules().contains(f);
            boolean b = o1.onboardingSchedules().contains(f);
            if (a != b) {
                changes.add(new Change("override", "onboarding schedule of feature " + f, a ? "removed" : "added",
                        a ? "on" : null, b ? "on" : null));
            }
        }
    }

    /** Services added, removed or changed. */
    private static void services(Setup before, Setup after, List<Change> changes) {
        Map<String, ServiceDef> s0 = byId(before.product().services(), ServiceDef::id);
        Map<String, ServiceDef> s1 = byId(after.product().services(), ServiceDef::id);
        Set<String> ids = new LinkedHashSet<>(s0.keySet());
        ids.addAll(s1.keySet());
        for (String id : ids) {
            ServiceDef a = s0.get(id);
            ServiceDef b = s1.get(id);
            if (a == null) {
                changes.add(new Change("service", id, "added", null, b.qualifiedName()));
            } else if (b == null) {
                changes.add(new Change("service", id, "removed", a.qualifiedName(), null));
            } else if (!Definitions.hash(a).equals(Definitions.hash(b))) {
                changes.add(new Change("service", id, "changed", null, String.join(", ", differences(a, b))));
            }
        }
    }

    /**
     * The cache writers whose cache, cursor and cached values are dropped, each with why: those removed, and those
     * whose data object reads differently now (another connector, module, mode, object, fields, key or option), which
     * start from an empty cache. An action processor keeps its queued actions: they carry their records by field name.
     */
    public static Map<String, String> resets(Setup before, Setup after) {
        Map<String, String> resets = new LinkedHashMap<>();
        for (ServiceDef a : before.product().services()) {
            if (!a.type().equals("cache-writer")) {
                continue;
            }
            ServiceDef b = after.product().service(a.id()).orElse(null);
            if (b == null) {
                resets.put(a.id(), "removed (its cache and cursor are dropped)");
                continue;
            }
            List<String> reads = readDifferences(a, before, b, after);
            if (!reads.isEmpty()) {
                resets.put(a.id(), String.join(", ", reads) + " changed (its cache and cursor start empty: every record"
                        + " is read as inserted)");
            }
        }
        return resets;
    }

    private static List<String> differences(ServiceDef a, ServiceDef b) {
        List<String> d = new ArrayList<>();
        if (!a.qualifiedName().equals(b.qualifiedName())) {
            d.add("connector/module/type " + a.qualifiedName() + " -> " + b.qualifiedName());
        }
        if (!Objects.equals(a.mode(), b.mode())) {
            d.add("mode " + a.mode() + " -> " + b.mode());
        }
        if (!a.connection().equals(b.connection())) {
            d.add("connection");
        }
        if (!Objects.equals(a.object().name(), b.object().name())) {
            d.add("object " + a.object().name() + " -> " + b.object().name());
        }
        if (!a.object().fields().equals(b.object().fields())) {
            d.add("fields");
        }
        if (!a.object().primaryKey().equals(b.object().primaryKey())) {
            d.add("key " + a.object().primaryKey() + " -> " + b.object().primaryKey());
        }
        if (!a.object().options().equals(b.object().options())) {
            d.add("object options");
        }
        if (!a.retry().equals(b.retry()) || !a.timeout().equals(b.timeout())) {
            d.add("retry or timeout");
        }
        return d;
    }

    /** What makes a cache writer read other records, or the same records keyed otherwise. */
    private static List<String> readDifferences(ServiceDef a, Setup before, ServiceDef b, Setup after) {
        List<String> d = new ArrayList<>();
        if (!a.connector().equals(b.connector()) || !a.module().equals(b.module()) || !a.type().equals(b.type())) {
            d.add("connector or module");
        }
        if (!Objects.equals(a.mode(), b.mode())) {
            d.add("mode");
        }
        if (!Objects.equals(a.object().name(), b.object().name())) {
            d.add("data object");
        }
        if (!a.object().fields().equals(b.object().fields())) {
            d.add("fields");
        }
        if (!a.object().primaryKey().equals(b.object().primaryKey())) {
            d.add("key");
        }
        if (!filled(a.object().options(), before).equals(filled(b.object().options(), after))) {
            d.add("object options");
        }
        return d;
    }

    private static Map<String, String> filled(Map<String, String> options, Setup setup) {
        Map<String, String> values = setup.values();
        Map<String, String> filled = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            try {
                filled.put(k, Placeholders.fillConfig(v, values));
            } catch (IllegalArgumentException e) {
                filled.put(k, v); // an optional config without a value: the option is left out, as it runs
            }
        });
        return filled;
    }

    private static void jobs(Setup before, Setup after, List<Change> changes) {
        Map<String, JobDef> j0 = byId(before.product().jobs(), JobDef::id);
        Map<String, JobDef> j1 = byId(after.product().jobs(), JobDef::id);
        Set<String> ids = new LinkedHashSet<>(j0.keySet());
        ids.addAll(j1.keySet());
        for (String id : ids) {
            JobDef a = j0.get(id);
            JobDef b = j1.get(id);
            if (a == null) {
                changes.add(new Change("job", id, "added", null, schedule(b, after.overrides())));
            } else if (b == null) {
                changes.add(new Change("job", id, "removed", schedule(a, before.overrides()), null));
            } else {
                if (!a.steps().equals(b.steps())) {
                    changes.add(new Change("job", id, "changed", String.join(", ", a.steps()), String.join(", ", b.steps())));
                }
                String s0 = schedule(a, before.overrides());
                String s1 = schedule(b, after.overrides());
                if (!s0.equals(s1)) {
                    changes.add(new Change("schedule", id, "changed", s0, s1));
                }
            }
        }
    }

    /** A job's schedule as the registration runs it: the product's, or its own override; paused or not. */
    public static String schedule(JobDef job, RegistrationOverrides overrides) {
        JobOverride o = overrides.job(job.id());
        String s;
        if (o.cadence()) {
            s = (o.cron() != null ? "cron " + o.cron() + " (" + (o.timeZone() == null ? "UTC" : o.timeZone()) + ")"
                    : "every " + o.every()) + " (overridden)";
        } else {
            s = job.schedule() == null ? "by hand only" : job.schedule().toString();
        }
        return o.paused() ? s + ", paused" : s;
    }

    private static <T> void compare(String kind, List<T> before, List<T> after, Function<T, String> id, List<Change> changes) {
        Map<String, T> a = byId(before, id);
        Map<String, T> b = byId(after, id);
        Set<String> ids = new LinkedHashSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String i : ids) {
            if (!a.containsKey(i)) {
                changes.add(new Change(kind, i, "added", null, null));
            } else if (!b.containsKey(i)) {
                changes.add(new Change(kind, i, "removed", null, null));
            } else if (!Definitions.hash(a.get(i)).equals(Definitions.hash(b.get(i)))) {
                changes.add(new Change(kind, i, "changed", null, null));
            }
        }
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> m = new LinkedHashMap<>();
        items.forEach(t -> m.put(id.apply(t), t));
        return m;
    }
}
