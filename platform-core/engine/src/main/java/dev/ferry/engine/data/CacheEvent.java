package dev.ferry.engine.data;

import java.util.Locale;
import java.util.Map;

/**
 * A change the workspace cache detected in a data object.
 *
 * @param values the record's values (for a deletion: the last known ones)
 * @param origin the service whose read saw the change ({@code <registration>/<service>})
 */
public record CacheEvent(Kind kind, String key, Map<String, Object> values, String origin) {

    public enum Kind {
        INSERTED, UPDATED, DELETED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
