package dev.ferry.engine.activity;

/**
 * A change to record in the activity log.
 *
 * @param action e.g. {@code registration.created}
 * @param before JSON of the state before, or null
 * @param after  JSON of the state after, or null
 */
public record Activity(String action, String actor, String product, String workspace, String registration,
                       String summary, String before, String after) {
}
