package dev.ferry.bench;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ten columns of the benchmark's table, in the PostgreSQL source and the MariaDB targets. Values are read as
 * one Java type per column, so rows of both databases compare with {@link #same}.
 */
enum Column {
    ID("id", "BIGINT PRIMARY KEY", "BIGINT PRIMARY KEY", Types.BIGINT),
    FIRST_NAME("first_name", "VARCHAR(50) NOT NULL", "VARCHAR(50) NOT NULL", Types.VARCHAR),
    LAST_NAME("last_name", "VARCHAR(50) NOT NULL", "VARCHAR(50) NOT NULL", Types.VARCHAR),
    EMAIL("email", "VARCHAR(120) NOT NULL", "VARCHAR(120) NOT NULL", Types.VARCHAR),
    CITY("city", "VARCHAR(60)", "VARCHAR(60)", Types.VARCHAR),
    AGE("age", "INTEGER", "INT", Types.INTEGER),
    BALANCE("balance", "NUMERIC(12,2)", "DECIMAL(12,2)", Types.DECIMAL),
    ACTIVE("active", "BOOLEAN", "BOOLEAN", Types.BOOLEAN),
    BIRTH_DATE("birth_date", "DATE", "DATE", Types.DATE),
    // DATETIME(6) keeps PostgreSQL's microseconds and, unlike TIMESTAMP, never converts or updates itself
    CREATED_AT("created_at", "TIMESTAMP", "DATETIME(6)", Types.TIMESTAMP);

    final String name;
    final String postgresType;
    final String mariadbType;
    final int sqlType;

    Column(String name, String postgresType, String mariadbType, int sqlType) {
        this.name = name;
        this.postgresType = postgresType;
        this.mariadbType = mariadbType;
        this.sqlType = sqlType;
    }

    /** {@code id, first_name, …} in column order. */
    static String names() {
        return Arrays.stream(values()).map(c -> c.name).collect(Collectors.joining(", "));
    }

    static String postgresDdl(String table) {
        return "CREATE TABLE " + table + " (" + Arrays.stream(values()).map(c -> c.name + " " + c.postgresType)
                .collect(Collectors.joining(", ")) + ")";
    }

    static String mariadbDdl(String table) {
        return "CREATE TABLE " + table + " (" + Arrays.stream(values()).map(c -> c.name + " " + c.mariadbType)
                .collect(Collectors.joining(", ")) + ") ENGINE=InnoDB";
    }

    /** Reads this column of the current row: Long, String, Integer, BigDecimal, Boolean, LocalDate or LocalDateTime. */
    Object read(ResultSet row, int index) throws SQLException {
        Object value = switch (this) {
            case ID -> row.getLong(index);
            case FIRST_NAME, LAST_NAME, EMAIL, CITY -> row.getString(index);
            case AGE -> row.getInt(index);
            case BALANCE -> row.getBigDecimal(index);
            case ACTIVE -> row.getBoolean(index);
            case BIRTH_DATE -> row.getObject(index, LocalDate.class);
            case CREATED_AT -> row.getObject(index, LocalDateTime.class);
        };
        return row.wasNull() ? null : value;
    }

    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Whether two values read by {@link #read} are the same (decimals by value, whatever their scale). */
    boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
