package dev.ferry.platform.api;

import java.util.List;

/**
 * A rollout of a product version to its registrations ({@code POST /rollouts}, {@code ferry:rollout-start}).
 *
 * @param registrations      the registrations to move (all of the product's when null or empty)
 * @param canaryPercent      the share moved first, 1 to 100 (default 5; at least one registration)
 * @param watch              how long the canary runs before the rest follow, e.g. {@code 10m} ({@code 0} for none;
 *                           default {@code 10m})
 * @param maxFailureIncrease how much the canary's share of failed runs (failed or partial) may grow over its share
 *                           in the 24 h before (0 to 1, default 0.2); above it the rollout halts and moves the canary
 *                           back
 * @param reset              allow moves that reset caches down to an older version
 */
public record RolloutRequest(String product, String version, List<String> registrations, Integer canaryPercent,
                             String watch, Double maxFailureIncrease, Boolean reset) {
}
