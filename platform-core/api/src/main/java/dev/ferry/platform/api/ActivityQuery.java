package dev.ferry.platform.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Filters for the activity log; null fields do not filter. Newest entries first, at most {@code limit}, older than
 * the entry {@code before} when it is given (the cursor of the next page).
 */
public record ActivityQuery(String product, String workspace, String actor, Instant since, Instant until, int limit,
                            Long before) {

    /** Newest entries first, at most {@code limit}. */
    public ActivityQuery(String product, String workspace, String actor, Instant since, Instant until, int limit) {
        this(product, workspace, actor, since, until, limit, null);
    }

    public static ActivityQuery latest(int limit) {
        return new ActivityQuery(null, null, null, null, null, limit);
    }

    /**
     * A moment as the shell and REST take it: an ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a duration ago
     * ({@code PT1H}, {@code P1D}); null for null.
     *
     * @throws InvalidInputException naming the field when it is neither
     */
    public static Instant moment(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return v.startsWith("P") || v.startsWith("p") ? Instant.now().minus(Duration.parse(v)) : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is neither an ISO-8601 instant such as"
                    + " 2026-01-31T12:00:00Z nor a duration ago such as PT1H or P1D");
        }
    }
}
