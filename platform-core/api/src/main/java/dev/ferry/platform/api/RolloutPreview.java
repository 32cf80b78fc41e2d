package dev.ferry.platform.api;

import java.util.List;

/**
 * What a rollout would do to each registration, nothing applied.
 *
 * @param plans   per registration, its plan ({@link RegistrationPlan}): every change and the caches that reset
 * @param blocked registrations the rollout cannot move, each with why (a required config without a value, …)
 */
public record RolloutPreview(String product, String version, List<RegistrationPlan> plans, List<String> blocked) {
}
