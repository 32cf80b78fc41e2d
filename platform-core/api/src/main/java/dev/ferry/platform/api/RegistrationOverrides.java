package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a registration sets for itself over its product's definition; kept through every update and sync.
 *
 * @param paused              whether the whole registration is paused: none of its jobs runs, on schedule or by hand,
 *                            and no flow takes new events, until it is resumed
 * @param pausedAt            when it was paused (null when it runs)
 * @param pausedBy            who paused it
 * @param jobs                per job: another cadence, or paused
 * @param onboardingSchedules features in the onboarding state whose jobs run on schedule nevertheless
 */
public record RegistrationOverrides(boolean paused, Instant pausedAt, String pausedBy, Map<String, JobOverride> jobs,
                                    List<String> onboardingSchedules) {

    public static final RegistrationOverrides NONE = new RegistrationOverrides(false, null, null, Map.of(), List.of());

    public RegistrationOverrides {
        jobs = jobs == null ? Map.of() : Map.copyOf(jobs);
        onboardingSchedules = onboardingSchedules == null ? List.of() : List.copyOf(onboardingSchedules);
    }

    /** The override of one job, or none. */
    public JobOverride job(String id) {
        return jobs.getOrDefault(id, JobOverride.NONE);
    }

    /**
     * A registration's own schedule for one of its product's jobs.
     *
     * @param every    an interval ({@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) in place of the product's schedule
     * @param cron     a Quartz cron expression in place of the product's schedule (exactly one of every and cron)
     * @param timeZone the cron's time zone (default UTC)
     * @param paused   whether the job's schedule is paused (it still runs when started by hand)
     */
    public record JobOverride(String every, String cron, String timeZone, boolean paused) {
        public static final JobOverride NONE = new JobOverride(null, null, null, false);

        /** Whether it changes the job's cadence. */
        public boolean cadence() {
            return every != null || cron != null;
        }

        /** Whether it changes nothing. */
        public boolean none() {
            return !cadence() && !paused && timeZone == null;
        }
    }
}
