package dev.ferry.platform.api;

import java.util.Map;

/**
 * A change to a registration ({@code PATCH /registrations/{id}}, {@code ferry:registration-update}); whatever is
 * null stays as it is. With nothing set it syncs the registration to its product version's definition as it is now.
 *
 * @param version             the product version to move to (an upgrade or a downgrade)
 * @param config              config values to set; a null value removes the value (the default applies again)
 * @param features            feature states to set: disabled, onboarding, active or maintenance
 * @param onboardingSchedules per feature: whether its jobs run on schedule while it is onboarding
 * @param jobs                per job: the override to set (its cadence, paused); an override with nothing set
 *                            removes the job's override
 * @param paused              pause or resume the whole registration
 * @param reset               allow a downgrade that resets caches (a downgrade keeps nothing it cannot read back)
 * @param test                whether to test the services' connections when the version or a config changes (default
 *                            true); false applies the change anyway, marked failing when a test fails
 */
public record RegistrationUpdate(String version, Map<String, String> config, Map<String, String> features,
                                 Map<String, Boolean> onboardingSchedules,
                                 Map<String, RegistrationOverrides.JobOverride> jobs, Boolean paused, Boolean reset,
                                 Boolean test) {

    /** Nothing to change: a sync. */
    public static final RegistrationUpdate SYNC = new RegistrationUpdate(null, null, null, null, null, null, null, null);


    public static RegistrationUpdate pause(boolean paused) {
        return new RegistrationUpdate(null, null, null, null, null, paused, null, null);
    }

    public boolean testing() {
        return test == null || test;
    }

    public boolean resetAllowed() {
        return reset != null && reset;
    }

}
