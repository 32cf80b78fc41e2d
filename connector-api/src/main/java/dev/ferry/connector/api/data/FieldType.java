package dev.ferry.connector.api.data;

import org.osgi.annotation.versioning.ProviderType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The type of a field. Each type has one Java representation that connectors emit and receive:
 * STRING {@link String}, INTEGER {@link Long}, DECIMAL {@link BigDecimal}, BOOLEAN {@link Boolean},
 * DATE {@link LocalDate}, TIMESTAMP {@link Instant}; OBJECT an unmodifiable {@code Map<String, Object>} and ARRAY an
 * unmodifiable {@code List<Object>}, of the JSON values {@link Json} describes (since data 1.1).
 */
@ProviderType
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP,
    /** A JSON object, e.g. an address with its street and city. Since data 1.1. */
    OBJECT,
    /** A JSON array, e.g. an order's lines or a contact's tags. Since data 1.1. */
    ARRAY;

    /**
     * Converts a value to this type's Java representation. Strings are parsed (ISO-8601 for dates and times;
     * a timestamp without an offset is taken as UTC; JSON text for objects and arrays); numbers are widened; maps
     * and lists become {@link Json}'s model. {@code null} and blank strings
     * become {@code null} for every type but STRING.
     *
     * @throws IllegalArgumentException with a user-readable reason when the value does not fit
     */
    public Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        if (this != STRING && value instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            switch (this) {
                case STRING:
                    return value.toString();
                case INTEGER:
                    if (value instanceof Long) {
                        return value;
                    }
                    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        return ((Number) value).longValue();
                    }
                    if (value instanceof Number n) {
                        return new BigDecimal(n.toString()).longValueExact();
                    }
                    return Long.parseLong(value.toString().trim());
                case DECIMAL:
                    if (value instanceof BigDecimal) {
                        return value;
                    }
                    return new BigDecimal(value.toString().trim());
                case BOOLEAN:
                    if (value instanceof Boolean) {
                        return value;
                    }
                    String b = value.toString().trim().toLowerCase(Locale.ROOT);
                    if (b.equals("true") || b.equals("1") || b.equals("yes")) {
                        return Boolean.TRUE;
                    }
                    if (b.equals("false") || b.equals("0") || b.equals("no")) {
                        return Boolean.FALSE;
                    }
                    throw new IllegalArgumentException("'" + value + "' is not a boolean");
                case DATE:
                    if (value instanceof LocalDate) {
                        return value;
                    }
                    if (value instanceof java.sql.Date d) {
                        return d.toLocalDate();
                    }
                    return LocalDate.parse(value.toString().trim());
                case TIMESTAMP:
                    if (value instanceof Instant) {
                        return value;
                    }
                    if (value instanceof java.sql.Timestamp t) {
                        return t.toInstant();
                    }
                    if (value instanceof LocalDateTime ldt) {
                        return ldt.toInstant(ZoneOffset.UTC);
                    }
                    String t = value.toString().trim();
                    try {
                        return Instant.parse(t);
                    } catch (DateTimeParseException e) {
                        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                    }
                case OBJECT:
                case ARRAY:
                    Object model;
                    try {
                        model = value instanceof String text ? Json.parse(text) : Json.model(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(shown(value) + " is not " + article() + " " + label() + ": "
                                + e.getMessage());
                    }
                    if (this == OBJECT ? !(model instanceof java.util.Map) : !(model instanceof java.util.List)) {
                        throw new IllegalArgumentException(shown(value) + " is not " + article() + " " + label());
                    }
                    return model;
                default:
                    throw new IllegalStateException(name());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not " + article() + " " + label());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not " + article() + " " + label() + " (ISO-8601 expected)");
        }
    }

    /** The lower-case name used in descriptors. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private String article() {
        return this == INTEGER || this == OBJECT || this == ARRAY ? "an" : "a";
    }

    /** A value as a message quotes it: its text, cut after 60 characters. */
    private static String shown(Object value) {
        String text = value instanceof String s ? s : String.valueOf(value);
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    }

    public static FieldType fromLabel(String label) {
        for (FieldType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + label
                + "' (expected string, integer, decimal, boolean, date, timestamp, object or array)");
    }
}
