package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.JobDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ScheduleDef;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationOverrides.JobOverride;

import java.util.Map;

/**
 * A registration with its product and connectors at hand: everything a run needs.
 *
 * <p>Feature states: a service or flow of a <em>disabled</em> feature does not run at all; of an <em>active</em>
 * one it runs on schedule and by hand; of an <em>onboarding</em> one by hand (and on schedule when the registration
 * switched that on); of a feature in <em>maintenance</em> by hand only. Parts outside any feature are active.
 */
public record ResolvedRegistration(String id, String workspace, ProductDescriptor product,
                                   Map<String, String> config, Map<String, String> features,
                                   Map<String, ResolvedService> services, RegistrationOverrides overrides) {

    /** The feature states. */
    public static final java.util.List<String> STATES = java.util.List.of("disabled", "onboarding", "active", "maintenance");

    public ResolvedRegistration {
        overrides = overrides == null ? RegistrationOverrides.NONE : overrides;
    }

    /** @throws IllegalArgumentException when the product has no such service */
    public ResolvedService service(String serviceId) {
        ResolvedService s = services.get(serviceId);
        if (s == null) {
            throw new IllegalArgumentException("product " + product.id() + " has no service '" + serviceId + "'");
        }
        return s;
    }

    /** The state of the feature a service or flow belongs to ({@code active} for parts outside any feature). */
    public String state(String serviceOrFlowId) {
        return product.featureOf(serviceOrFlowId).map(f -> features.getOrDefault(f.id(), "active")).orElse("active");
    }

    /** Whether a service or flow runs at all (its feature is not disabled). */
    public boolean runs(String serviceOrFlowId) {
        return !"disabled".equals(state(serviceOrFlowId));
    }

    /** Whether a service or flow runs when its job's schedule fires. */
    public boolean scheduled(String serviceOrFlowId) {
        String state = state(serviceOrFlowId);
        return "active".equals(state) || "onboarding".equals(state) && product.featureOf(serviceOrFlowId)
                .map(f -> overrides.onboardingSchedules().contains(f.id())).orElse(false);
    }

    /** A job's schedule as this registration runs it (its own cadence, if it set one); null when it has none or paused it. */
    public ScheduleDef schedule(JobDef job) {
        JobOverride o = overrides.job(job.id());
        if (o.paused()) {
            return null;
        }
        return o.cadence() ? new ScheduleDef(o.cron(), o.every(), o.timeZone()) : job.schedule();
    }
}
