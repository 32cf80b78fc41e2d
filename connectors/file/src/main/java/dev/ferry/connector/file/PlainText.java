package dev.ferry.connector.file;

import java.math.BigDecimal;

/** The text form values are written in: ISO-8601 for dates and instants, plain digits for decimals. */
final class PlainText {

    private PlainText() {
    }

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof java.util.Map || value instanceof java.util.List) {
            return dev.ferry.connector.api.data.Json.write(value); // an object or array field: its JSON text
        }
        return value.toString();
    }
}
