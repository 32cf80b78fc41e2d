package dev.ferry.connector.file;

import java.util.Map;

/**
 * One row of a file: raw values keyed by field name, or the reason the row could not be split into values.
 *
 * @param line    1-based physical line the row starts on
 * @param values  raw values (strings, numbers, booleans) keyed by field name; {@code null} when {@code problem} is set
 * @param problem why the row is unusable, in a user's words; {@code null} for a good row
 */
record Row(long line, Map<String, Object> values, String problem) {

    static Row of(long line, Map<String, Object> values) {
        return new Row(line, values, null);
    }

    static Row malformed(long line, String problem) {
        return new Row(line, null, problem);
    }
}
