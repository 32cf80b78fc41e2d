package dev.ferry.connector.jdbc;

import java.util.Optional;

/**
 * Follows the cursor column's values during a read and says where the next incremental read should resume.
 * When a read stops early, rows sharing the last value may not all have been emitted; resuming "after" that value
 * would skip them, so the cursor then is the value before it.
 */
final class CursorTracker {

    private final Optional<String> previous;
    private Comparable<Object> greatest;
    private Comparable<Object> greatestBefore;

    CursorTracker(Optional<String> previous) {
        this.previous = previous;
    }

    @SuppressWarnings("unchecked")
    void see(Object value) {
        if (value == null) {
            return;
        }
        Comparable<Object> comparable = (Comparable<Object>) value;
        if (greatest == null || comparable.compareTo(greatest) > 0) {
            greatestBefore = greatest;
            greatest = comparable;
        }
    }

    /** The cursor after reading every row. */
    Optional<String> completed() {
        return greatest == null ? previous : Optional.of(JdbcValues.cursorText(greatest));
    }

    /** The cursor after a read that stopped early; rows arrived in cursor order. */
    Optional<String> stopped() {
        return greatestBefore == null ? previous : Optional.of(JdbcValues.cursorText(greatestBefore));
    }
}
