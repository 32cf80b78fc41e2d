package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product version registered to a workspace.
 *
 * @param id           {@code <workspace>:<product>}
 * @param config       config values (secrets masked)
 * @param features     feature id to state (disabled, onboarding, active, maintenance)
 * @param inSync       whether the registration runs the definition it was last synced to ({@link #sync} says why not)
 * @param lastSyncedAt when it was last registered, updated or synced
 * @param runtime      running, failing since T: why, paused, or waiting and why (e.g. a connector is not installed)
 * @param overrides    what the registration sets over its product's definition (paused, job cadences)
 * @param sync         its sync state in full
 * @param health       whether its runs go through: ok, or failing since when and why
 */
public record Registration(String id, String workspace, String product, String productVersion,
                           Map<String, String> config, Map<String, String> features, List<String> jobs,
                           boolean inSync, Instant createdAt, Instant lastSyncedAt, String runtime,
                           RegistrationOverrides overrides, SyncState sync, RegistrationHealth health) {
}
