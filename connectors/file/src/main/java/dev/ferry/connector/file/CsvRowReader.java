package dev.ferry.connector.file;

import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the rows of one CSV file. Columns are matched to fields by header name (exactly, else ignoring case)
 * or, without a header, by position. Empty values become {@code null}: CSV cannot tell them apart, and this way
 * an empty key is refused like a missing one.
 */
final class CsvRowReader implements RowReader {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final DataObject object;
    private final boolean header;
    /** Field name per column position; {@code null} for columns that are not fields. */
    private List<String> columnFields;
    private int columnCount;

    CsvRowReader(CSVParser parser, DataObject object, boolean header) {
        this.parser = parser;
        this.records = parser.iterator();
        this.object = object;
        this.header = header;
    }

    /** A reader of the rest of the file, after a broken row, with the columns this one found. */
    CsvRowReader resume(CSVParser rest) {
        CsvRowReader resumed = new CsvRowReader(rest, object, false);
        resumed.columnFields = columnFields;
        resumed.columnCount = columnCount;
        return resumed;
    }

    @Override
    public Row next() throws IOException {
        if (columnFields == null && !readColumns()) {
            return null;
        }
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record = nextRecord(line);
            if (record == null) {
                return null;
            }
            if (isBlank(record)) {
                continue;
            }
            if (record.size() != columnCount) {
                return Row.malformed(line, "has " + record.size() + " values but " + columnCount + " columns were expected");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columnCount; i++) {
                String field = columnFields.get(i);
                if (field != null) {
                    String value = record.get(i);
                    values.put(field, value.isEmpty() ? null : value);
                }
            }
            return Row.of(line, values);
        }
    }

    /** Reads the header (or takes the field order); false for a file without any line. */
    private boolean readColumns() throws IOException {
        if (!header) {
            columnFields = object.fields().stream().map(FieldSpec::name).toList();
            columnCount = columnFields.size();
            return true;
        }
        CSVRecord names;
        long line;
        do {
            line = parser.getCurrentLineNumber() + 1;
            names = nextRecord(line);
            if (names == null) {
                return false;
            }
        } while (isBlank(names));
        columnFields = new ArrayList<>();
        for (String name : names) {
            columnFields.add(fieldFor(columnFields.isEmpty() ? stripByteOrderMark(name) : name));
        }
        columnCount = columnFields.size();
        List<String> missing = object.fields().stream()
                .filter(f -> f.required() || object.primaryKey().contains(f.name()))
                .map(FieldSpec::name)
                .filter(f -> !columnFields.contains(f))
                .toList();
        if (!missing.isEmpty()) {
            throw new MalformedFileException(line, "the header has no column for required field(s) " + missing);
        }
        return true;
    }

    private String fieldFor(String column) {
        String trimmed = column.trim();
        for (FieldSpec field : object.fields()) {
            if (field.name().equals(trimmed)) {
                return field.name();
            }
        }
        for (FieldSpec field : object.fields()) {
            if (field.name().toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))) {
                return field.name();
            }
        }
        return null;
    }

    /** Parse errors arrive wrapped; after one the parser's position is unknown, so the rest of the file is given up. */
    private CSVRecord nextRecord(long line) throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException parse) {
                // the row that starts here is broken (a quote never closed, text after a closing quote): the rows after
                // it can be read once the reader starts again at the next line
                throw new MalformedFileException(line, "cannot be parsed: " + parse.getMessage(), parse, columnFields != null);
            }
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw new MalformedFileException(line, "is not UTF-8 text", coding);
            }
            throw e.getCause();
        }
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    private static String stripByteOrderMark(String name) {
        return name.startsWith("\uFEFF") ? name.substring(1) : name;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
