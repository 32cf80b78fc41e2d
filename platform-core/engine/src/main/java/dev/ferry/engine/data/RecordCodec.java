package dev.ferry.engine.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Field values as bytes, each with its type: the canonical form a record's value hash is taken of, and the form
 * actions are queued in. A value is written once per page and read once by the action processor; no JSON between.
 */
final class RecordCodec {

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int INTEGER = 2;
    private static final int DECIMAL = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int DATE = 6;
    private static final int TIMESTAMP = 7;
    private static final int OTHER = 8;
    /** An object field's value ({@link dev.ferry.connector.api.data.Json}): its members in name order. */
    private static final int OBJECT = 9;
    private static final int ARRAY = 10;

    private RecordCodec() {
    }

    static void write(Bytes out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String s) {
            out.put(STRING);
            out.putString(s);
        } else if (value instanceof Long l) {
            out.put(INTEGER);
            out.putSigned(l);
        } else if (value instanceof BigDecimal d) {
            out.put(DECIMAL);
            out.putSigned(d.scale());
            if (d.precision() <= 18) {
                // the unscaled value fits a long: its bytes as BigInteger.toByteArray gives them, without the
                // BigInteger and the array (a tenth of the time a record's values take to write)
                long unscaled = d.movePointRight(d.scale()).longValue();
                int length = (64 - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled)) / 8 + 1;
                out.putVarint(length);
                for (int i = length - 1; i >= 0; i--) {
                    out.put((int) (unscaled >>> (8 * i)));
                }
            } else {
                byte[] unscaled = d.unscaledValue().toByteArray();
                out.putVarint(unscaled.length);
                out.put(unscaled, 0, unscaled.length);
            }
        } else if (value instanceof Boolean b) {
            out.put(b ? TRUE : FALSE);
        } else if (value instanceof LocalDate d) {
            out.put(DATE);
            out.putSigned(d.toEpochDay());
        } else if (value instanceof Instant t) {
            out.put(TIMESTAMP);
            out.putSigned(t.getEpochSecond());
            out.putVarint(t.getNano());
        } else if (value instanceof Map<?, ?> object) {
            out.put(OBJECT);
            out.putVarint(object.size());
            for (Map.Entry<?, ?> member : object.entrySet()) {
                out.putString((String) member.getKey());
                write(out, member.getValue());
            }
        } else if (value instanceof List<?> array) {
            out.put(ARRAY);
            out.putVarint(array.size());
            for (Object item : array) {
                write(out, item);
            }
        } else {
            out.put(OTHER); // connectors emit the field types' Java types; anything else travels as its text
            out.putString(value.toString());
        }
    }

    static Object read(Bytes.Reader in) {
        int tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case STRING, OTHER -> in.getString();
            case INTEGER -> in.getSigned();
            case DECIMAL -> {
                int scale = (int) in.getSigned();
                byte[] unscaled = in.getBytes((int) in.getVarint());
                yield new BigDecimal(new BigInteger(unscaled), scale);
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DATE -> LocalDate.ofEpochDay(in.getSigned());
            case TIMESTAMP -> Instant.ofEpochSecond(in.getSigned(), in.getVarint());
            case OBJECT -> {
                int size = (int) in.getVarint();
                java.util.TreeMap<String, Object> members = new java.util.TreeMap<>();
                for (int i = 0; i < size; i++) {
                    String name = in.getString();
                    members.put(name, read(in));
                }
                yield java.util.Collections.unmodifiableMap(members);
            }
            case ARRAY -> {
                int size = (int) in.getVarint();
                List<Object> items = new java.util.ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(read(in));
                }
                yield java.util.Collections.unmodifiableList(items);
            }
            default -> throw new IllegalStateException("stored value has unknown type tag " + tag);
        };
    }

    /**
     * Writes a record's values in field order, the form its value hash is taken of. Field names are left out: a
     * service's records all have its object's fields, in its order.
     */
    static void writeValues(Bytes out, Map<String, Object> values) {
        out.putVarint(values.size());
        for (Object value : values.values()) {
            write(out, value);
        }
    }
}
