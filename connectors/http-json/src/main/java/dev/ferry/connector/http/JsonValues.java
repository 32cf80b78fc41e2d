package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** Between JSON items and records: JSON values as the Java values fields take, and back. */
final class JsonValues {

    private JsonValues() {
    }

    /** An item's values by field name, for {@link DataObject#toRecord(Map)} to convert to the fields' types. */
    static Map<String, Object> of(JsonNode item, DataObject object) {
        Map<String, Object> values = new HashMap<>(object.fields().size() * 2);
        for (FieldSpec field : object.fields()) {
            values.put(field.name(), value(item.get(field.name())));
        }
        return values;
    }

    /**
     * One JSON value as Java: text, a whole number as {@link Long} (or {@link BigDecimal} when too large), any other
     * number as {@link BigDecimal}, a boolean, null; a nested object or array as its JSON text.
     */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.toString();
    }

    /** The field type a sample value suggests, for discovery. */
    static FieldType typeOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return FieldType.STRING;
        }
        if (node.isIntegralNumber()) {
            return FieldType.INTEGER;
        }
        if (node.isNumber()) {
            return FieldType.DECIMAL;
        }
        if (node.isBoolean()) {
            return FieldType.BOOLEAN;
        }
        if (node.isObject()) {
            return FieldType.OBJECT;
        }
        if (node.isArray()) {
            return FieldType.ARRAY;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            try {
                Instant.parse(text);
                return FieldType.TIMESTAMP;
            } catch (DateTimeParseException notATimestamp) {
                try {
                    LocalDate.parse(text);
                    return FieldType.DATE;
                } catch (DateTimeParseException notADate) {
                    return FieldType.STRING;
                }
            }
        }
        return FieldType.STRING;
    }
}
