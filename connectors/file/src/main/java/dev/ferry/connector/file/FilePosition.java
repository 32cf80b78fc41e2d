package dev.ferry.connector.file;

import dev.ferry.connector.api.ConnectorException;

import java.util.Comparator;

/**
 * Where a file stands in arrival order: its modification time, then its name to break ties. Its text form
 * ({@code <mtimeMillis>|<name>}) was the cursor of incremental reads before {@link FileCursor}, which still accepts
 * it.
 */
record FilePosition(long modifiedMillis, String name) implements Comparable<FilePosition> {

    private static final Comparator<FilePosition> ORDER =
            Comparator.comparingLong(FilePosition::modifiedMillis).thenComparing(FilePosition::name);

    /** Reads an old-form cursor. */
    static FilePosition parse(String cursor) throws ConnectorException {
        int bar = cursor.indexOf('|');
        try {
            return new FilePosition(Long.parseLong(cursor.substring(0, bar)), cursor.substring(bar + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ConnectorException("invalid_cursor",
                    "cursor '" + cursor + "' is not of the form <mtimeMillis>|<file name>", false, e);
        }
    }

    @Override
    public int compareTo(FilePosition other) {
        return ORDER.compare(this, other);
    }
}
