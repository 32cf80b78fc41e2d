package dev.ferry.engine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.json.RecordJson;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * One exchange for a page of records, its message set to the record being evaluated: for {@code simple}, the
 * record's fields are the headers and the record is the body; for {@code jq} the body is the record as a JSON object
 * (made once per record, when a jq expression asks). The integration configs are the exchange's properties.
 */
final class RecordScope {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Exchange exchange;
    /** The fields the stage's simple expressions read as headers; null: all of them. */
    private final Set<String> headerFields;
    private Map<String, Object> values;
    private JsonNode json;
    private boolean headersSet;

    RecordScope(Exchange page, Map<String, String> configs, Set<String> headerFields) {
        exchange = new DefaultExchange(page.getContext());
        configs.forEach(exchange::setProperty);
        this.headerFields = headerFields;
    }

    /** Moves on to this record. */
    RecordScope on(Map<String, Object> record) {
        values = record;
        json = null;
        headersSet = false;
        exchange.setException(null);
        return this;
    }

    Map<String, Object> values() {
        return values;
    }

    Exchange exchange(boolean asJson) {
        if (asJson) {
            if (json == null) {
                json = toJson(values);
            }
            exchange.getIn().setBody(json);
        } else {
            if (!headersSet) {
                setHeaders();
                headersSet = true;
            }
            exchange.getIn().setBody(values);
        }
        return exchange;
    }

    /**
     * The record's fields as headers ({@code ${header.email}} is a look-up, where {@code ${body[email]}} is a call
     * through Camel's bean language): only those the stage's expressions name, as Camel's headers are a
     * case-insensitive tree that costs a comparison per level to fill.
     */
    private void setHeaders() {
        Map<String, Object> headers = exchange.getIn().getHeaders();
        headers.clear();
        if (headerFields == null) {
            headers.putAll(values);
            return;
        }
        for (String field : headerFields) {
            Object v = values.get(field);
            if (v == null && !values.containsKey(field)) {
                v = ignoringCase(field); // Camel's headers ignore case: ${header.Email} finds email
            }
            if (v != null) {
                headers.put(field, v);
            }
        }
    }

    private Object ignoringCase(String field) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The record as a JSON object, as the record's JSON elsewhere (dates ISO-8601, decimals exact). */
    private static ObjectNode toJson(Map<String, Object> values) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                node.putNull(e.getKey());
            } else if (v instanceof String s) {
                node.put(e.getKey(), s);
            } else if (v instanceof Long l) {
                node.put(e.getKey(), l);
            } else if (v instanceof Integer i) {
                node.put(e.getKey(), i);
            } else if (v instanceof BigDecimal d) {
                node.put(e.getKey(), d);
            } else if (v instanceof BigInteger b) {
                node.put(e.getKey(), b);
            } else if (v instanceof Boolean b) {
                node.put(e.getKey(), b);
            } else if (v instanceof Double d) {
                node.put(e.getKey(), d);
            } else if (v instanceof java.time.temporal.TemporalAccessor) {
                node.put(e.getKey(), v.toString()); // LocalDate, Instant: ISO-8601
            } else {
                node.set(e.getKey(), RecordJson.MAPPER.valueToTree(v)); // objects and arrays
            }
        }
        return node;
    }

    /** An expression that failed leaves its exception on the exchange rather than throwing it. */
    void rethrow() {
        Exception e = exchange.getException();
        if (e != null) {
            exchange.setException(null);
            throw new IllegalArgumentException(FlowLanguages.reason(e), e);
        }
    }
}
