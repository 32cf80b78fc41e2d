package dev.ferry.connector.file;

import java.io.Closeable;
import java.io.IOException;

/** Streams the rows of one file, one at a time, so a file of any size is read in bounded memory. */
interface RowReader extends Closeable {

    /**
     * The next row, or {@code null} at the end of the file.
     *
     * @throws MalformedFileException when the rest of the file cannot be parsed
     */
    Row next() throws IOException;
}
