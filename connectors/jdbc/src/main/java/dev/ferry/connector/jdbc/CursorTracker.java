package dev.ferry.connector.jdbc;

import java.util.Optional;

/**
 * Follows the cursor column's values during a read and says where the next incremental read should resume: the
 * greatest value seen, from which (that value included) the next read starts. When a read stops early, rows sharing
 * the last value may not all have been emitted, so the cursor then goes back to the last value read in full (the
 * value before it; the previous cursor when there is none). Resuming from the last value would do as well, since
 * the next read takes its rows again, but keeping to values read in full leaves no doubt about what was read.
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

    /** The cursor after reading every row: the greatest value seen, or the previous cursor when none was. */
    Optional<String> completed() {
        return greatest == null ? previous : Optional.of(JdbcValues.cursorText(greatest));
    }

    /** The cursor after a read that stopped early; rows arrived in cursor order: the last value read in full. */
    Optional<String> stopped() {
        return greatestBefore == null ? previous : Optional.of(JdbcValues.cursorText(greatestBefore));
    }
}
