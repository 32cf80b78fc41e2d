package dev.ferry.platform.api;

/** Filters for run history; null fields do not filter. Newest runs first, at most {@code limit}. */
public record RunQuery(String registration, String workspace, String job, int limit) {
}
