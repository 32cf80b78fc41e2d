package dev.ferry.platform.api;

import java.time.Instant;

/** Filters for the activity log; null fields do not filter. Newest entries first, at most {@code limit}. */
public record ActivityQuery(String product, String workspace, String actor, Instant since, Instant until, int limit) {
    public static ActivityQuery latest(int limit) {
        return new ActivityQuery(null, null, null, null, null, limit);
    }
}
