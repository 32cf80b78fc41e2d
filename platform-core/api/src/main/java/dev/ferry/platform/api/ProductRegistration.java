package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registration of a product, as the product's one entry point lists it ({@code GET /products/{id}/registrations},
 * {@code ferry:product-registrations}).
 *
 * @param health       {@code ok}, {@code failing}, {@code paused} or {@code waiting}
 * @param state        what it does now, in words: running, failing since T: why, paused since …, waiting: why
 * @param inSync       whether it runs the definition it was last synced to
 * @param why          what differs when it is out of sync
 * @param lastRun      its last run's status (succeeded, partial, failed, …), or null when it never ran
 * @param lastRunAt    when its last run started
 * @param failures24h  its failed runs in the last 24 hours
 */
public record ProductRegistration(String registration, String workspace, String version, boolean inSync,
                                  List<String> why, Map<String, String> features, String health, String state,
                                  String lastRun, Instant lastRunAt, long failures24h) {
}
