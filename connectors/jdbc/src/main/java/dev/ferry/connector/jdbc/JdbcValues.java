package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.data.Json;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Moves field values in and out of JDBC. Instants are written and read through a UTC calendar, so a column
 * without time zone holds UTC whatever the JVM's zone, and a column with one holds the exact instant.
 */
final class JdbcValues {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private JdbcValues() {
    }

    static int sqlType(FieldType type) {
        return switch (type) {
            case STRING -> Types.VARCHAR;
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIMESTAMP -> Types.TIMESTAMP;
            case OBJECT, ARRAY -> Types.VARCHAR;
        };
    }

    /** Binds a value already of its field type's Java representation (see {@link FieldType}). */
    static void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException {
        bind(statement, index, type, value, null);
    }

    /**
     * Binds a value; with {@code timesAsText} (MariaDB: {@link SqlDialect#timesAsText}) an instant goes as the text
     * of its UTC date and time and a date as its ISO text: the text the driver would write for a
     * {@code LocalDateTime} or {@code LocalDate}, without the driver's formatter per value. Values of the field types' Java types go through
     * their typed setters, so the driver does not look for a codec per value. An object or array goes as its JSON
     * text; to PostgreSQL untyped, so a {@code jsonb}, {@code json} or {@code text} column takes it.
     *
     * @param dialect the database's, or null when no dialect's ways apply
     */
    static void bind(PreparedStatement statement, int index, FieldType type, Object value, SqlDialect dialect)
            throws SQLException {
        boolean timesAsText = dialect != null && dialect.timesAsText();
        boolean json = type == FieldType.OBJECT || type == FieldType.ARRAY;
        if (json && dialect == SqlDialect.POSTGRESQL) {
            if (value == null) {
                statement.setNull(index, Types.OTHER);
            } else {
                statement.setObject(index, Json.write(value), Types.OTHER);
            }
        } else if (value == null) {
            statement.setNull(index, sqlType(type));
        } else if (json) {
            statement.setString(index, Json.write(value));
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof BigDecimal decimal) {
            // setObject(.., DECIMAL) without a scale lets Derby round to scale 0
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else if (timesAsText && value instanceof Instant instant) {
            statement.setString(index, DateTimeText.utc(instant));
        } else if (timesAsText && value instanceof LocalDate date) {
            statement.setString(index, DateTimeText.date(date));
        } else if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant), utcCalendar());
        } else if (value instanceof LocalDate date) {
            statement.setObject(index, java.sql.Date.valueOf(date), Types.DATE);
        } else {
            statement.setObject(index, value, sqlType(type));
        }
    }

    /** Reads a column as a value {@link FieldType#coerce} turns into the field's type. */
    static Object read(ResultSet row, int index, FieldType type) throws SQLException {
        return switch (type) {
            // an object or array is read as its JSON text, which coerce parses
            case STRING, OBJECT, ARRAY -> row.getString(index);
            case DECIMAL -> row.getBigDecimal(index);
            case DATE -> row.getDate(index);
            case TIMESTAMP -> row.getTimestamp(index, utcCalendar());
            // INTEGER and BOOLEAN come as whatever number or flag the column holds; coerce widens or maps them
            case INTEGER, BOOLEAN -> row.getObject(index);
        };
    }

    /** Reads one selected column of the current row as a value {@link FieldType#coerce} takes. */
    @FunctionalInterface
    interface ColumnReader {
        Object read(ResultSet row, int index) throws SQLException;
    }

    /**
     * How to read each column of a result set selected in field order, chosen once per query. PostgreSQL's dates and
     * times are read from their binary form (no calendar arithmetic per value, which cost more than the rest of the
     * row; {@link PgBinary}), or as {@code java.time} values when the driver received them as text; a
     * {@code timestamp} without time zone holds UTC, as everywhere.
     */
    static ColumnReader[] readers(ResultSetMetaData meta, List<FieldSpec> fields, SqlDialect dialect)
            throws SQLException {
        ColumnReader[] readers = new ColumnReader[fields.size()];
        for (int i = 0; i < readers.length; i++) {
            FieldType type = fields.get(i).type();
            String column = dialect == SqlDialect.POSTGRESQL ? meta.getColumnTypeName(i + 1) : "";
            // received in binary: the driver says so (text can be as long: 'infinity' is eight bytes)
            boolean binary = dialect == SqlDialect.POSTGRESQL
                    && meta.unwrap(org.postgresql.PGResultSetMetaData.class).getFormat(i + 1) == 1;
            boolean timestamp = column.equals("timestamp") || column.equals("timestamptz");
            if (type == FieldType.DATE && column.equals("date") && binary) {
                readers[i] = (row, index) -> {
                    byte[] raw = row.getBytes(index); // PostgreSQL's binary form: days since 2000-01-01
                    return raw == null ? null : PgBinary.date(raw);
                };
            } else if (type == FieldType.DATE && column.equals("date")) {
                readers[i] = (row, index) -> row.getObject(index, LocalDate.class);
            } else if (type == FieldType.TIMESTAMP && timestamp && binary) {
                readers[i] = (row, index) -> {
                    byte[] raw = row.getBytes(index); // PostgreSQL's binary form: microseconds since 2000-01-01 UTC
                    return raw == null ? null : PgBinary.instant(raw);
                };
            } else if (type == FieldType.TIMESTAMP && timestamp) {
                boolean zoned = column.equals("timestamptz");
                readers[i] = (row, index) -> {
                    if (zoned) {
                        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                        return value == null ? null : value.toInstant();
                    }
                    LocalDateTime value = row.getObject(index, LocalDateTime.class);
                    return value == null ? null : value.toInstant(ZoneOffset.UTC);
                };
            } else {
                readers[i] = (row, index) -> read(row, index, type);
            }
        }
        return readers;
    }

    /** A row's columns, selected in field order, keyed by field name. */
    static Map<String, Object> readRow(ResultSet row, List<FieldSpec> fields) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i).name(), read(row, i + 1, fields.get(i).type()));
        }
        return values;
    }

    /** The text a cursor value is kept as, parsed back by {@link FieldType#coerce}. */
    static String cursorText(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    /** One calendar a thread: making one per value costs more than reading the value. */
    private static final ThreadLocal<Calendar> UTC_CALENDAR = ThreadLocal.withInitial(() -> Calendar.getInstance(UTC));

    private static Calendar utcCalendar() {
        Calendar calendar = UTC_CALENDAR.get();
        calendar.clear();
        return calendar;
    }
}
