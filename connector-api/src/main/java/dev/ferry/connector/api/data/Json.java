package dev.ferry.connector.api.data;

import org.osgi.annotation.versioning.ProviderType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of {@link FieldType#OBJECT} and {@link FieldType#ARRAY} fields: JSON as plain Java. An object is an
 * unmodifiable {@code Map<String, Object>} (members in name order, so two objects with the same members are equal
 * however a system ordered them), an array an unmodifiable {@code List<Object>}; inside them a string is a
 * {@link String}, a whole number a {@link Long} (a {@link BigDecimal} beyond its range), any other number a
 * {@link BigDecimal}, {@code true}/{@code false} a {@link Boolean}, {@code null} null. Connectors that write text
 * (CSV, a column of a database without JSON) use {@link #write} and {@link #parse}.
 *
 * @since data 1.1
 */
@ProviderType
public final class Json {

    /** How deep values may nest; deeper ones are refused rather than overflowing the stack. */
    public static final int MAX_DEPTH = 200;

    private Json() {
    }

    /**
     * The JSON model of a value: maps, lists, numbers, strings and booleans as they come from a JSON library or a
     * connector, made into the types above (integers widened to {@link Long}, floating-point numbers to
     * {@link BigDecimal}, maps sorted and copied).
     *
     * @throws IllegalArgumentException when the value (or something inside it) is not JSON: a map key that is not a
     *                                  string, a number that is not finite, another kind of object
     */
    public static Object model(Object value) {
        return model(value, 0);
    }

    private static Object model(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : new BigDecimal(i);
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(value + " is not a JSON number");
            }
            return new BigDecimal(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> members = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("member name " + e.getKey() + " is not a string");
                }
                members.put(key, model(e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(members);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(model(item, depth + 1));
            }
            return Collections.unmodifiableList(items);
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a JSON value");
    }

    /**
     * Reads JSON text (RFC 8259) into the model.
     *
     * @throws IllegalArgumentException naming the position where the text stops being JSON
     */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        parser.space();
        Object value = parser.value(0);
        parser.space();
        if (parser.at < text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    /**
     * A record as one JSON object, its fields in the record's order: numbers, strings and booleans as themselves,
     * dates and times as ISO-8601 text, objects and arrays nested, null as null. The body of a message or a request.
     */
    public static String record(DataRecord record) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> field : record.values().entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            quote(field.getKey(), out);
            out.append(':');
            Object value = field.getValue();
            if (value instanceof java.time.temporal.TemporalAccessor) {
                quote(value.toString(), out);
            } else {
                write(model(value), out);
            }
        }
        return out.append('}').toString();
    }

    /** The model as compact JSON text, object members in name order. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(model(value), out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                out.append(first ? "" : ",");
                first = false;
                write(item, out);
            }
            out.append(']');
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent reader of one JSON text. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON at character " + (at + 1) + ": " + what);
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nests deeper than " + MAX_DEPTH + " levels");
            }
            if (at >= text.length()) {
                throw error("the text ends where a value should be");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("'" + c + "' starts no JSON value");
            }
        }

        private Object object(int depth) {
            at++;
            TreeMap<String, Object> members = new TreeMap<>();
            space();
            if (at < text.length() && text.charAt(at) == '}') {
                at++;
                return Collections.unmodifiableMap(members);
            }
            while (true) {
                space();
                if (at >= text.length() || text.charAt(at) != '"') {
                    throw error("a member name in quotes was expected");
                }
                String name = string();
                space();
                expect(':');
                space();
                members.put(name, value(depth + 1));
                space();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return Collections.unmodifiableMap(members);
            }
        }

        private Object array(int depth) {
            at++;
            List<Object> items = new ArrayList<>();
            space();
            if (at < text.length() && text.charAt(at) == ']') {
                at++;
                return Collections.unmodifiableList(items);
            }
            while (true) {
                space();
                items.add(value(depth + 1));
                space();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return Collections.unmodifiableList(items);
            }
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("'" + c + "' was expected");
            }
            at++;
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("'" + word + "' was expected");
            }
            at += word.length();
            return value;
        }

        private String string() {
            at++;
            StringBuilder s = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("the text ends inside a string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c < 0x20) {
                    throw error("a control character inside a string");
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("the text ends inside an escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        try {
                            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("'\\" + e + "' is not an escape");
                }
            }
        }

        private Object number() {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            boolean fraction = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c >= '0' && c <= '9') {
                    at++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    fraction = true;
                    at++;
                } else {
                    break;
                }
            }
            String digits = text.substring(start, at);
            try {
                BigDecimal d = new BigDecimal(digits);
                if (!fraction) {
                    try {
                        return d.longValueExact();
                    } catch (ArithmeticException beyondLong) {
                        return d;
                    }
                }
                return d;
            } catch (NumberFormatException e) {
                at = start;
                throw error("'" + digits + "' is not a number");
            }
        }
    }
}
