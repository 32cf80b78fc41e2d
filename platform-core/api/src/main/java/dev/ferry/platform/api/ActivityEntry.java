package dev.ferry.platform.api;

import java.time.Instant;

/**
 * One change to an integration product or its registrations.
 *
 * @param action e.g. {@code workspace.created}, {@code registration.created}, {@code job-run.finished}
 * @param before JSON of the state before (null when created)
 * @param after  JSON of the state after (null when removed)
 */
public record ActivityEntry(long id, Instant at, String actor, String action, String product, String workspace,
                            String registration, String summary, String before, String after) {
}
