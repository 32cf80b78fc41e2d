package dev.ferry.platform.api;

import java.time.Instant;

/**
 * What removing old entries from the activity log did.
 *
 * @param removed   the entries removed
 * @param before    entries written before this moment were removed (the newest entry always stays)
 * @param firstKept the entry the log now starts at, or null when it is empty
 */
public record ActivityPruning(long removed, Instant before, Long firstKept) {
}
