package dev.ferry.platform.api;

/**
 * Filters for run history; null fields do not filter. Newest runs first, at most {@code limit}, older than the run
 * {@code before} when it is given (the cursor of the next page).
 */
public record RunQuery(String registration, String workspace, String job, int limit, Long before) {

    public RunQuery(String registration, String workspace, String job, int limit) {
        this(registration, workspace, job, limit, null);
    }
}
