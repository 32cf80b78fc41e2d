package dev.ferry.connector.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.DataRecord;

import java.io.BufferedReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.List;

/** Module {@code ndjson}: one JSON object per line, keys named like the fields. */
final class NdjsonFormat implements FileFormat {

    /** Decimals stay exact both ways: parsed as BigDecimal with their scale, written without exponent. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    @Override
    public String module() {
        return "ndjson";
    }

    @Override
    public String description() {
        return "Newline-delimited JSON files: one object per line, keys named like the fields";
    }

    @Override
    public String extension() {
        return "ndjson";
    }

    @Override
    public List<ConfigField> options() {
        return List.of();
    }

    @Override
    public RowReader open(Reader file, DataObject object) {
        return new NdjsonRowReader(new BufferedReader(file), object);
    }

    @Override
    public String render(List<DataRecord> records, DataObject object, boolean newFile) {
        StringBuilder text = new StringBuilder();
        for (DataRecord record : records) {
            ObjectNode line = JSON.createObjectNode();
            for (FieldSpec field : object.fields()) {
                Object value = record.get(field.name());
                if (value == null) {
                    line.putNull(field.name());
                } else if (value instanceof Long number) {
                    line.put(field.name(), number);
                } else if (value instanceof BigDecimal decimal) {
                    line.put(field.name(), decimal);
                } else if (value instanceof Boolean flag) {
                    line.put(field.name(), flag);
                } else if (value instanceof java.util.Map || value instanceof java.util.List) {
                    line.set(field.name(), JSON.valueToTree(value)); // an object or array field, nested as it is
                } else {
                    line.put(field.name(), PlainText.of(value));
                }
            }
            try {
                text.append(JSON.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of plain values always serialises", e);
            }
        }
        return text.toString();
    }
}
