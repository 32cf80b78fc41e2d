package dev.ferry.connector.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Streams the rows of one NDJSON file, a line at a time; blank lines are skipped. */
final class NdjsonRowReader implements RowReader {

    private final BufferedReader lines;
    private final DataObject object;
    private long lineNumber;

    NdjsonRowReader(BufferedReader lines, DataObject object) {
        this.lines = lines;
        this.object = object;
    }

    @Override
    public Row next() throws IOException {
        String text;
        do {
            try {
                text = lines.readLine();
            } catch (CharacterCodingException e) {
                throw new MalformedFileException(lineNumber + 1, "is not UTF-8 text", e);
            }
            if (text == null) {
                return null;
            }
            lineNumber++;
        } while (text.isBlank());
        JsonNode node;
        try {
            node = NdjsonFormat.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Row.malformed(lineNumber, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return Row.malformed(lineNumber, "is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec field : object.fields()) {
            values.put(field.name(), plainValue(node.get(field.name())));
        }
        return Row.of(lineNumber, values);
    }

    /** Scalars as their Java value for {@code FieldType.coerce}; nested objects and arrays as their JSON text. */
    private static Object plainValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.toString();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
