package dev.ferry.connector.amqp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Message bodies as records and back: a JSON object whose members are named like the object's fields. */
final class MessageJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private MessageJson() {
    }

    /**
     * A message's values by field name, for {@link DataObject#toRecord(Map)} to convert.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static Map<String, Object> values(byte[] body, DataObject object) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body is " + (node == null ? "empty" : "a JSON "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ", not a JSON object");
        }
        Map<String, Object> values = new HashMap<>(object.fields().size() * 2);
        for (FieldSpec field : object.fields()) {
            JsonNode v = node.get(field.name());
            values.put(field.name(), v == null || v.isNull() ? null : v.isTextual() ? v.textValue()
                    : v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.longValue()
                    : v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue() : v.toString());
        }
        return values;
    }

    /** A record as a message body (see {@link dev.ferry.connector.api.data.Json#record}). */
    static byte[] body(DataRecord record) {
        return dev.ferry.connector.api.data.Json.record(record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
