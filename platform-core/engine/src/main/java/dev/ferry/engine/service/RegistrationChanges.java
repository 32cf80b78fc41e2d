package dev.ferry.engine.service;

import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.Schedules;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationUpdate;
import dev.ferry.platform.api.WorkspaceType;
import dev.ferry.store.RegistrationEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an update asks of a registration, worked out and checked before anything changes: its feature states,
 * overrides and config values after the change, whether it may move to the target version, and the flow templates
 * the target changes under the workspace's copies.
 */
final class RegistrationChanges {

    private RegistrationChanges() {
    }

    /**
     * The plan, with the template flows whose template the target version changes: the workspace keeps its copy (the
     * plan compares what runs, copies in place, so it would not show otherwise).
     */
    static RegistrationPlan withTemplateChanges(RegistrationPlan plan, ProductDescriptor current, ProductDescriptor target) {
        List<RegistrationPlan.Change> changes = new ArrayList<>(plan.changes());
        for (ProductDescriptor.FlowDef flow : target.flows()) {
            ProductDescriptor.FlowDef was = current == null ? null : current.flow(flow.id()).orElse(null);
            if (flow.templated() && was != null && was.templated() && !was.stages().equals(flow.stages())) {
                changes.add(new RegistrationPlan.Change("flow", flow.id(), "template changed", null,
                        "the workspace keeps its copy (ferry:flow-reset takes the new template)"));
            }
        }
        return changes.size() == plan.changes().size() ? plan : new RegistrationPlan(plan.registration(), plan.workspace(),
                plan.product(), plan.fromVersion(), plan.toVersion(), changes, plan.resets(), plan.missingConfigs(),
                plan.applied(), plan.definition());
    }

    static Map<String, String> featuresAfter(RegistrationEntity r, ProductDescriptor target, RegistrationUpdate update,
                                              List<Problem> problems) {
        Map<String, String> features = new LinkedHashMap<>();
        for (ProductDescriptor.FeatureDef f : target.features()) {
            features.put(f.id(), r.features.getOrDefault(f.id(), "active"));
        }
        if (update.features() != null) {
            update.features().forEach((feature, state) -> {
                if (!features.containsKey(feature)) {
                    problems.add(new Problem("features." + feature, "product " + target.id() + " " + target.version()
                            + " has no feature '" + feature + "' (it has " + ids(target.features().stream()
                            .map(ProductDescriptor.FeatureDef::id).toList()) + ")"));
                } else if (state == null || !ResolvedRegistration.STATES.contains(state.trim().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new Problem("features." + feature, "'" + state + "' is not a feature state (one of "
                            + String.join(", ", ResolvedRegistration.STATES) + ")"));
                } else {
                    features.put(feature, state.trim().toLowerCase(java.util.Locale.ROOT));
                }
            });
        }
        return features;
    }

    static RegistrationOverrides overridesAfter(RegistrationOverrides before, ProductDescriptor target,
                                                        RegistrationUpdate update, String actor, List<Problem> problems) {
        boolean paused = update.paused() == null ? before.paused() : update.paused();
        Instant pausedAt = !paused ? null : before.paused() ? before.pausedAt() : Instant.now();
        String pausedBy = !paused ? null : before.paused() ? before.pausedBy() : actor;
        Map<String, RegistrationOverrides.JobOverride> jobs = new java.util.TreeMap<>();
        before.jobs().forEach((job, o) -> {
            if (target.job(job).isPresent()) {
                jobs.put(job, o); // an override of a job the version no longer has goes with it
            }
        });
        if (update.jobs() != null) {
            update.jobs().forEach((job, o) -> {
                String field = "jobs." + job;
                if (target.job(job).isEmpty()) {
                    problems.add(new Problem(field, "product " + target.id() + " " + target.version() + " has no job '"
                            + job + "' (it has " + ids(target.jobs().stream().map(ProductDescriptor.JobDef::id).toList()) + ")"));
                    return;
                }
                RegistrationOverrides.JobOverride given = o == null ? RegistrationOverrides.JobOverride.NONE : o;
                if (given.cadence() || given.timeZone() != null) {
                    dev.ferry.engine.descriptor.Schedules.problems(given.every(), given.cron(), given.timeZone()).forEach((f, reason) ->
                            problems.add(new Problem(field + (f.isEmpty() ? "" : "." + f), reason)));
                }
                if (given.none()) {
                    jobs.remove(job);
                } else {
                    jobs.put(job, given);
                }
            });
        }
        java.util.Set<String> onboarding = new java.util.TreeSet<>(before.onboardingSchedules());
        onboarding.removeIf(f -> target.feature(f).isEmpty());
        if (update.onboardingSchedules() != null) {
            update.onboardingSchedules().forEach((feature, on) -> {
                if (target.feature(feature).isEmpty()) {
                    problems.add(new Problem("onboardingSchedules." + feature, "product " + target.id() + " "
                            + target.version() + " has no feature '" + feature + "'"));
                } else if (on != null && on) {
                    onboarding.add(feature);
                } else {
                    onboarding.remove(feature);
                }
            });
        }
        return new RegistrationOverrides(paused, pausedAt, pausedBy, jobs, List.copyOf(onboarding));
    }

    /**
     * The config values after the change: those of configs the target version declares (a config that replaces an
     * old one takes its value, and moving back the old one takes it again), then the values given (null removes one).
     */
    static Map<String, String> configAfter(Map<String, String> stored, ProductDescriptor current,
                                                   ProductDescriptor target, RegistrationUpdate update) {
        Map<String, String> values = new LinkedHashMap<>(stored);
        for (ProductDescriptor.ConfigDef c : target.configs()) {
            if (!values.containsKey(c.name())) {
                c.replaces().stream().filter(values::containsKey).findFirst().ifPresent(old -> values.put(c.name(), values.get(old)));
            }
        }
        if (current != null) { // moving back: an old config takes the value of the one that replaced it
            for (ProductDescriptor.ConfigDef c : current.configs()) {
                c.replaces().stream().filter(old -> target.config(old).isPresent() && !values.containsKey(old)
                        && values.containsKey(c.name()) && target.config(c.name()).isEmpty())
                        .findFirst().ifPresent(old -> values.put(old, values.get(c.name())));
            }
        }
        values.keySet().removeIf(name -> target.config(name).isEmpty()
                && (current == null || current.config(name).isPresent())); // unknown ones stay, to be refused
        if (update.config() != null) {
            update.config().forEach((name, value) -> {
                if (value == null) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            });
        }
        return values;
    }

    /** Whether a registration may move to another version of its product. */
    static void checkTarget(ProductDescriptor target, WorkspaceType workspace) {
        String version = target.id() + " " + target.version();
        if (target.lifecycle().equals("archived")) {
            throw new InvalidInputException("version", version + " is archived: no registration moves to it");
        }
        if (target.lifecycle().equals("draft") && workspace != WorkspaceType.DEVELOPMENT) {
            throw new InvalidInputException("version", version + " is a draft: only registrations in development"
                    + " workspaces move to drafts");
        }
    }

    static ProductDescriptor emptyVersion(String product, String version) {
        return new ProductDescriptor(product, version, product, null, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), ProductDescriptor.FORMAT);
    }

    private static String ids(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
