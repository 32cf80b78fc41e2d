package dev.ferry.connector.file;

import java.io.IOException;

/**
 * A file cannot be parsed on from here: broken quoting (a row the reader can skip, going on at the next line), or
 * text that is not UTF-8 or a header without key columns (the rest of the file is unreadable).
 */
final class MalformedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final boolean rowOnly;

    MalformedFileException(long line, String reason, Throwable cause, boolean rowOnly) {
        super(reason, cause);
        this.line = line;
        this.rowOnly = rowOnly;
    }

    MalformedFileException(long line, String reason, Throwable cause) {
        this(line, reason, cause, false);
    }

    MalformedFileException(long line, String reason) {
        this(line, reason, null, false);
    }

    /** Whether only the row starting at {@link #line()} is broken, so reading may go on at the line after it. */
    boolean rowOnly() {
        return rowOnly;
    }

    /** The physical line where parsing gave up. */
    long line() {
        return line;
    }
}
