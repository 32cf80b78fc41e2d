package dev.ferry.engine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.json.RecordJson;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import java.util.Map;

/**
 * One exchange for a page of records, its body set to the record being evaluated: the record's values for
 * {@code simple}, the record as a JSON object for {@code jq} (made once per record, when a jq expression asks). The
 * integration configs are the exchange's properties.
 */
final class RecordScope {

    private final Exchange exchange;
    private Map<String, Object> values;
    private JsonNode json;

    RecordScope(Exchange page, Map<String, String> configs) {
        exchange = new DefaultExchange(page.getContext());
        configs.forEach(exchange::setProperty);
    }

    /** Moves on to this record. */
    RecordScope on(Map<String, Object> record) {
        values = record;
        json = null;
        exchange.setException(null);
        return this;
    }

    Map<String, Object> values() {
        return values;
    }

    Exchange exchange(boolean asJson) {
        if (asJson) {
            if (json == null) {
                json = RecordJson.MAPPER.valueToTree(values);
            }
            exchange.getIn().setBody(json);
        } else {
            exchange.getIn().setBody(values);
        }
        return exchange;
    }

    /** An expression that failed leaves its exception on the exchange rather than throwing it. */
    void rethrow() {
        Exception e = exchange.getException();
        if (e != null) {
            exchange.setException(null);
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
