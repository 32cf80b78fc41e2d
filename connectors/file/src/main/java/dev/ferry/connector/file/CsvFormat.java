package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.DataRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

/** Module {@code csv}: comma (or other) separated values, RFC 4180 quoting, an optional header line. */
final class CsvFormat implements FileFormat {

    static final String DELIMITER = "delimiter";
    static final String HEADER = "header";

    @Override
    public String module() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV files: one record per row, columns named by the header line or in field order";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public List<ConfigField> options() {
        return List.of(
                ConfigField.optional(DELIMITER, ConfigType.STRING, ",", "The character between values"),
                ConfigField.optional(HEADER, ConfigType.BOOLEAN, "true",
                        "Whether the first line names the columns; without it columns follow the field order"));
    }

    @Override
    public RowReader open(Reader file, DataObject object) throws IOException {
        return new CsvRowReader(csvFormat(object.options()).parse(file), object, hasHeader(object.options()));
    }

    @Override
    public RowReader resume(Reader rest, DataObject object, RowReader broken) throws IOException {
        return ((CsvRowReader) broken).resume(csvFormat(object.options()).parse(rest));
    }

    @Override
    public String render(List<DataRecord> records, DataObject object, boolean newFile) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, csvFormat(object.options()))) {
            if (newFile && hasHeader(object.options())) {
                printer.printRecord(object.fields().stream().map(FieldSpec::name));
            }
            for (DataRecord record : records) {
                printer.printRecord(object.fields().stream().map(f -> PlainText.of(record.get(f.name()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return text.toString();
    }

    private static boolean hasHeader(Config options) {
        return options.bool(HEADER, true);
    }

    /** Blank lines are kept as records so line numbers can be counted; the reader skips them. */
    private static CSVFormat csvFormat(Config options) {
        String delimiter = options.string(DELIMITER, ",");
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
                || delimiter.charAt(0) == '\r') {
            throw new ConfigException(List.of(new ConfigException.Problem(DELIMITER,
                    "'" + delimiter + "' must be a single character other than a quote or a line break")));
        }
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter.charAt(0))
                .setIgnoreEmptyLines(false)
                .setRecordSeparator('\n')
                .build();
    }
}
