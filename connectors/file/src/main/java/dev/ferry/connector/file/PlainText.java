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
        return value.toString();
    }
}
