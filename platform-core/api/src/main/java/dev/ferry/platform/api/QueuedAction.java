package dev.ferry.platform.api;

import java.time.Instant;
import java.util.Map;

/**
 * An action that needs attention: it failed for good, waits for a retry, or ran out of retries (dead). Actions that
 * went through are not kept one by one; the run that ran them counts them.
 *
 * @param status    {@code failed}, {@code retry}, {@code dead} or {@code pending} (put back, runs at the next run)
 * @param attempts  how many times it ran
 * @param notBefore for {@code retry}: the earliest time it runs again
 * @param values    the record it carries
 */
public record QueuedAction(long id, String registration, String service, String operation, String recordKey,
                           String status, int attempts, String errorCode, String errors, String origin, Long runId,
                           Instant createdAt, Instant finishedAt, Instant notBefore, Map<String, Object> values) {
}
