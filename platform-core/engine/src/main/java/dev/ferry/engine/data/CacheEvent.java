package dev.ferry.engine.data;

import java.util.Locale;
import java.util.Map;

/**
 * A record on its way through a flow: a change the workspace cache detected in a data object, a record the cache
 * holds (a flow run on demand), or an action another flow queued that has ended (a close-out).
 *
 * @param values the record's values (for a deletion: the last known ones)
 * @param origin the service whose read saw the change ({@code <registration>/<service>}), or where the closed
 *               action came from
 */
public record CacheEvent(Kind kind, String key, Map<String, Object> values, String origin) {

    public enum Kind {
        INSERTED, UPDATED, DELETED,
        /** A record as the cache holds it, for a flow run on demand. */
        CURRENT,
        /** An action of another flow that succeeded (a close-out). */
        SUCCEEDED,
        /** An action of another flow that failed or is dead (a close-out). */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
