package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;

/**
 * Whether a registration runs the definition it was last synced to.
 *
 * @param inSync        whether the product's definition of its version (with the workspace's flow-template copies)
 *                      is the one it was synced to
 * @param syncedVersion the product version of its last sync
 * @param syncedHash    the content hash of the definition of its last sync
 * @param currentHash   the content hash of that version's definition now (null when the version is not installed)
 * @param syncedAt      when it was last synced (registered, updated or synced)
 * @param why           what differs when it is out of sync, e.g. {@code flow orders-out changed}
 * @param newest        the newest published version of its product, when newer than the one it runs
 */
public record SyncState(boolean inSync, String syncedVersion, String syncedHash, String currentHash, Instant syncedAt,
                        List<String> why, String newest) {
    public SyncState {
        why = why == null ? List.of() : List.copyOf(why);
    }
}
