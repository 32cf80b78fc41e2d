package dev.ferry.connector.file;

import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/** A file format the connector offers as a module: how its files are parsed into rows and how records are written. */
interface FileFormat {

    /** The module name, e.g. {@code csv}. */
    String module();

    String description();

    /** The file name extension without the dot, used for the default glob and output file. */
    String extension();

    /** Object options of this format beside {@code pattern} and {@code outputFile}. */
    List<ConfigField> options();

    /**
     * Opens a streaming reader over one file.
     *
     * @throws MalformedFileException when the start of the file (e.g. a CSV header) makes it unreadable
     */
    RowReader open(Reader file, DataObject object) throws IOException;

    /**
     * Goes on reading a file after a broken row: {@code rest} starts at the line after the one the row began on, and
     * its rows are read with the columns {@code broken} found (no header again). Null when the format cannot.
     */
    default RowReader resume(Reader rest, DataObject object, RowReader broken) throws IOException {
        return null;
    }

    /**
     * The text that appends these records to a file, one line per record, in the object's field order.
     *
     * @param newFile whether the file is new or empty (a CSV header is written then)
     */
    String render(List<DataRecord> records, DataObject object, boolean newFile);

}
