package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;

/**
 * A rollout: the canary wave first, then (after its watch window, if the canary's runs did not fail more than
 * before) the rest; or halted and the canary moved back.
 *
 * @param state   running (moving the canary), watching, applying (the rest), completed, halted (moving the canary
 *                back), rolled-back, failed, or interrupted (the platform stopped during it)
 * @param targets each registration, its wave, the version it came from and how it went
 * @param history what happened, in order
 */
public record Rollout(long id, String product, String version, String state, int canaryPercent, String watch,
                      double maxFailureIncrease, List<Target> targets, List<Step> history, Instant createdAt,
                      String createdBy, Instant updatedAt) {

    /**
     * One registration a rollout moves.
     *
     * @param wave  canary or rest
     * @param state pending, applied, failed or rolled-back
     */
    public record Target(String registration, String wave, String fromVersion, String state, String message,
                         Instant appliedAt) {
    }

    public record Step(Instant at, String what) {
    }
}
