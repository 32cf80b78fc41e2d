package dev.ferry.itests;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.TimeZone;

/**
 * Rows taken in id order, summed up so that a source and a target can be compared whatever database holds them:
 * the number of rows, of distinct ids and their sum, and an MD5 over every column of every row. Each value goes in
 * as a canonical text: integers and decimals as plain numbers without trailing zeros, dates as ISO dates, timestamps
 * as UTC instants (read the way the jdbc connector writes them, through a UTC calendar), booleans as
 * {@code true}/{@code false}, NULL as a mark no text has.
 */
final class RowDigest {

    /** What two tables with the same content agree on. */
    record Summary(long rows, long distinctIds, BigDecimal idSum, String md5) {
        @Override
        public String toString() {
            return String.format("%,d rows, %,d distinct ids summing to %s, md5 %s", rows, distinctIds, idSum, md5);
        }
    }

    private static final String NULL = "\u0000";
    private static final byte[] VALUE_END = {0x1f};
    private static final byte[] ROW_END = {0x1e};

    private final MessageDigest md5;
    private long rows;
    private long distinctIds;
    private BigDecimal idSum = BigDecimal.ZERO;
    private Long lastId;

    RowDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a row; rows come in id order, so a repeated id follows its first. */
    void add(long id, Object... values) {
        if (lastId != null && id < lastId) {
            throw new IllegalArgumentException("rows must come in id order: " + id + " after " + lastId);
        }
        rows++;
        if (lastId == null || id != lastId) {
            distinctIds++;
            idSum = idSum.add(BigDecimal.valueOf(id));
        }
        lastId = id;
        value(id);
        for (Object v : values) {
            value(v);
        }
        md5.update(ROW_END);
    }

    Summary summary() {
        return new Summary(rows, distinctIds, idSum, HexFormat.of().formatHex(md5.digest()));
    }

    /** Every row of a table, its first column the id, in id order. */
    static Summary of(Connection connection, String table, String columns) throws SQLException {
        RowDigest digest = new RowDigest();
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM " + table
                + " ORDER BY 1")) {
            select.setFetchSize(5_000);
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                Object[] values = new Object[meta.getColumnCount() - 1];
                while (rs.next()) {
                    for (int i = 2; i <= meta.getColumnCount(); i++) {
                        values[i - 2] = read(rs, i, meta.getColumnType(i), utc);
                    }
                    digest.add(rs.getLong(1), values);
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return digest.summary();
    }

    private static Object read(ResultSet rs, int column, int type, Calendar utc) throws SQLException {
        Object value = switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                utc.clear();
                Timestamp t = rs.getTimestamp(column, utc);
                yield t == null ? null : t.toInstant();
            }
            case Types.DATE -> {
                java.sql.Date d = rs.getDate(column);
                yield d == null ? null : d.toLocalDate();
            }
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(column);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(column);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(column);
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : value;
    }

    private void value(Object v) {
        String text;
        if (v == null) {
            text = NULL;
        } else if (v instanceof BigDecimal d) {
            text = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Boolean || v instanceof String
                || v instanceof LocalDate || v instanceof Instant) {
            text = v.toString();
        } else {
            throw new IllegalArgumentException("no canonical text for " + v.getClass().getName() + " " + v);
        }
        md5.update(text.getBytes(StandardCharsets.UTF_8));
        md5.update(VALUE_END);
    }
}
