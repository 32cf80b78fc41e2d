package dev.ferry.platform.api;

import java.util.List;

/** A job a product declares: its steps (service ids, in order) and its schedule. */
public record ProductJob(String id, String schedule, String timeZone, List<String> steps) {
}
