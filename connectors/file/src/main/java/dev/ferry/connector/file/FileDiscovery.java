package dev.ferry.connector.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data files of a connection's folder, one object a file: a CSV file's fields from its header (text, since a
 * header says no types), an NDJSON file's from its first line (by its JSON values' types). A field named {@code id}
 * is taken as the key; otherwise there is none, and the product names one.
 */
final class FileDiscovery {

    static final int MOST = 500;

    private FileDiscovery() {
    }

    static List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        List<DiscoveredObject> found = new ArrayList<>();
        try (FileStore directory = FileStore.of(connection)) {
        for (String module : List.of("csv", "ndjson")) {
            for (DataFile file : directory.list(FileSystems.getDefault().getPathMatcher("glob:*." + module))) {
                if (found.size() >= MOST) {
                    return found;
                }
                String fileName = file.name();
                String name = fileName.substring(0, fileName.length() - module.length() - 1);
                DiscoveredObject.Builder object = DiscoveredObject.builder(module, name)
                        .option(FileObjectOptions.PATTERN, fileName)
                        .description(file.size() + " bytes");
                try {
                    List<FieldSpec> fields = module.equals("csv") ? csvFields(directory, file) : ndjsonFields(directory, file);
                    fields.forEach(object::field);
                    fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals("id")).findFirst()
                            .ifPresent(id -> object.primaryKey(List.of(id.name())));
                } catch (IOException | RuntimeException e) {
                    object.description(file.size() + " bytes; its first line could not be read: " + e.getMessage());
                }
                found.add(object.build());
            }
        }
        }
        return found;
    }

    private static BufferedReader open(FileStore store, DataFile file) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(store.open(file.name()), StandardCharsets.UTF_8));
    }

    private static List<FieldSpec> csvFields(FileStore store, DataFile file) throws IOException {
        try (BufferedReader in = open(store, file);
             CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<FieldSpec> fields = new ArrayList<>();
            if (records.hasNext()) {
                for (String column : records.next()) {
                    if (!column.isBlank()) {
                        fields.add(new FieldSpec(column.strip(), FieldType.STRING, false));
                    }
                }
            }
            return fields;
        }
    }

    private static List<FieldSpec> ndjsonFields(FileStore store, DataFile file) throws IOException {
        try (BufferedReader in = open(store, file)) {
            String line = in.readLine();
            List<FieldSpec> fields = new ArrayList<>();
            if (line == null || line.isBlank()) {
                return fields;
            }
            JsonNode first = NdjsonFormat.JSON.readTree(line);
            for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                FieldType type = value.isIntegralNumber() ? FieldType.INTEGER : value.isNumber() ? FieldType.DECIMAL
                        : value.isBoolean() ? FieldType.BOOLEAN : FieldType.STRING;
                fields.add(new FieldSpec(field.getKey(), type, false));
            }
            return fields;
        }
    }
}
