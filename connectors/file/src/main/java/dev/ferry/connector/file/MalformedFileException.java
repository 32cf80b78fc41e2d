package dev.ferry.connector.file;

import java.io.IOException;

/** The rest of a file cannot be parsed (broken quoting, not UTF-8, a header without key columns). */
final class MalformedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long line;

    MalformedFileException(long line, String reason, Throwable cause) {
        super(reason, cause);
        this.line = line;
    }

    MalformedFileException(long line, String reason) {
        this(line, reason, null);
    }

    /** The physical line where parsing gave up. */
    long line() {
        return line;
    }
}
