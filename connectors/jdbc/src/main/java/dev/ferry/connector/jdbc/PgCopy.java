package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldSpec;
import org.postgresql.util.ByteConverter;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A table's rows in PostgreSQL's binary {@code COPY} format ({@code COPY (SELECT …) TO STDOUT (FORMAT binary)}): the
 * server streams them without waiting between batches, as it does for a cursor's fetches, and each row arrives as
 * one message whose bytes are the row's fingerprint. Only columns whose type this decodes into the field's type as
 * the result-set reader would ({@link JdbcValues#readers}) are read this way; a table with another kind of column is
 * read by result set.
 *
 * <p>A row message: the number of fields (16 bits), then each field's length (32 bits, -1 for null) and bytes, all
 * big-endian; the stream's first message starts with a header, its last is the trailer (a field count of -1).
 * Instances are immutable: messages are decoded on whichever thread needs them.
 */
final class PgCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar");

    /** One column's decoding, from its bytes at {@code at} of length {@code length} (at least 0). */
    @FunctionalInterface
    private interface Decoder {
        Object decode(byte[] b, int at, int length);
    }

    private final Decoder[] decoders;
    private final long seed;

    private PgCopy(Decoder[] decoders, long seed) {
        this.decoders = decoders;
        this.seed = seed;
    }

    /** The copy's SQL for a query without parameters. */
    static String sql(String query) {
        return "COPY (" + query + ") TO STDOUT (FORMAT binary)";
    }

    /**
     * How to decode the columns of a query selecting {@code fields} in order, or null when a column's type is not
     * one this decodes for its field (the read then goes by result set).
     */
    static PgCopy forColumns(ResultSetMetaData meta, List<FieldSpec> fields) throws SQLException {
        if (meta == null || meta.getColumnCount() != fields.size()) {
            return null;
        }
        Decoder[] decoders = new Decoder[fields.size()];
        for (int i = 0; i < decoders.length; i++) {
            decoders[i] = decoder(fields.get(i), meta.getColumnTypeName(i + 1));
            if (decoders[i] == null) {
                return null;
            }
        }
        return new PgCopy(decoders, RowFingerprint.seed(meta));
    }

    private static Decoder decoder(FieldSpec field, String column) {
        return switch (field.type()) {
            case STRING -> TEXT.contains(column) ? PgCopy::text : null;
            case INTEGER -> switch (column) {
                case "int2" -> (b, at, length) -> (long) ByteConverter.int2(b, at);
                case "int4" -> (b, at, length) -> (long) ByteConverter.int4(b, at);
                case "int8" -> (b, at, length) -> ByteConverter.int8(b, at);
                default -> null;
            };
            // a BigDecimal of the column's scale, as the driver's getBigDecimal gives it (NaN comes as a Double, which
            // the field's conversion refuses: the row is rejected)
            case DECIMAL -> column.equals("numeric") ? ByteConverter::numeric : null;
            case BOOLEAN -> column.equals("bool") ? (b, at, length) -> b[at] != 0 : null;
            case DATE -> column.equals("date") ? (b, at, length) -> PgBinary.date(b, at) : null;
            case TIMESTAMP -> column.equals("timestamp") || column.equals("timestamptz")
                    ? (b, at, length) -> PgBinary.instant(b, at) : null;
            case OBJECT, ARRAY -> switch (column) {
                case "json", "text", "varchar" -> PgCopy::text;
                case "jsonb" -> PgCopy::jsonb;
                default -> null;
            };
        };
    }

    private static Object text(byte[] b, int at, int length) {
        return new String(b, at, length, StandardCharsets.UTF_8);
    }

    private static Object jsonb(byte[] b, int at, int length) {
        if (length < 1 || b[at] != 1) {
            throw new IllegalStateException("jsonb in binary format version " + (length < 1 ? "none" : b[at])
                    + " (this reads version 1)");
        }
        return new String(b, at + 1, length - 1, StandardCharsets.UTF_8);
    }

    /**
     * The first message without the stream's header before its first row (or trailer).
     *
     * @throws IllegalStateException when the message does not start with a binary copy's header
     */
    static byte[] withoutHeader(byte[] first) {
        if (first.length < SIGNATURE.length + 8 || !Arrays.equals(first, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("the copy did not start with PostgreSQL's binary copy header");
        }
        int extension = ByteConverter.int4(first, SIGNATURE.length + 4);
        int header = SIGNATURE.length + 8 + extension;
        return Arrays.copyOfRange(first, header, first.length);
    }

    /** Whether a message (after the header) is the trailer, which ends the rows. */
    static boolean isTrailer(byte[] message) {
        return message.length >= 2 && message[0] == (byte) 0xff && message[1] == (byte) 0xff;
    }

    /** A row message's fingerprint: its bytes, seeded with the columns' types. */
    long fingerprint(byte[] row) {
        return RowFingerprint.hash(row, row.length, seed);
    }

    /** Column {@code column}'s value of a row message (null for SQL NULL). */
    Object value(byte[] row, int column) {
        int at = 2;
        for (int i = 0; i < column; i++) {
            int length = ByteConverter.int4(row, at);
            at += 4 + Math.max(0, length);
        }
        int length = ByteConverter.int4(row, at);
        return length < 0 ? null : decoders[column].decode(row, at + 4, length);
    }

    /**
     * Every column's value of a row message, in order.
     *
     * @throws IllegalStateException when the message is not one row of these columns
     */
    Object[] values(byte[] row) {
        int fields = ByteConverter.int2(row, 0);
        if (fields != decoders.length) {
            throw new IllegalStateException("a copied row of " + fields + " field(s), not " + decoders.length);
        }
        Object[] values = new Object[fields];
        int at = 2;
        for (int i = 0; i < fields; i++) {
            int length = ByteConverter.int4(row, at);
            at += 4;
            if (length >= 0) {
                values[i] = decoders[i].decode(row, at, length);
                at += length;
            }
        }
        if (at != row.length) {
            throw new IllegalStateException("a copied row of " + row.length + " bytes holds " + at);
        }
        return values;
    }
}
