package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What differs between the databases' SQL: how names are quoted, column types for created tables and the
 * single-statement upsert.
 */
enum SqlDialect {

    /** No single-statement upsert (Derby's MERGE needs a source table): update by key, then insert when absent. */
    DERBY {
        @Override
        String quote(String name) {
            return '"' + name.toUpperCase(Locale.ROOT) + '"';
        }

        @Override
        String columnType(FieldType type, boolean key) {
            return switch (type) {
                case STRING -> key ? "VARCHAR(255)" : "VARCHAR(32672)";
                case INTEGER -> "BIGINT";
                case DECIMAL -> "DECIMAL(31,10)";
                case BOOLEAN -> "BOOLEAN";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMP";
                case OBJECT, ARRAY -> "CLOB";
            };
        }
    },

    POSTGRESQL {
        @Override
        String quote(String name) {
            return '"' + name.toLowerCase(Locale.ROOT) + '"';
        }

        @Override
        String columnType(FieldType type, boolean key) {
            return switch (type) {
                case STRING -> "TEXT";
                case INTEGER -> "BIGINT";
                case DECIMAL -> "NUMERIC";
                case BOOLEAN -> "BOOLEAN";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
                case OBJECT, ARRAY -> "JSONB";
            };
        }

        @Override
        Optional<String> upsert(String insert, List<String> keys, List<String> updated) {
            return Optional.of(insert + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                    + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
        }
    },

    MARIADB {
        @Override
        String quote(String name) {
            return '`' + name + '`';
        }

        @Override
        String columnType(FieldType type, boolean key) {
            return switch (type) {
                // an indexed column needs a bounded length
                case STRING -> key ? "VARCHAR(255)" : "TEXT";
                case INTEGER -> "BIGINT";
                case DECIMAL -> "DECIMAL(38,10)";
                case BOOLEAN -> "BOOLEAN";
                case DATE -> "DATE";
                // TIMESTAMP ends in 2038 and updates itself; DATETIME holds the UTC time as written
                case TIMESTAMP -> "DATETIME(6)";
                case OBJECT, ARRAY -> "JSON";
            };
        }

        @Override
        Optional<String> upsert(String insert, List<String> keys, List<String> updated) {
            return Optional.of(insert + " ON DUPLICATE KEY UPDATE "
                    + updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", ")));
        }
    };

    /**
     * A checked identifier ({@link SqlIdentifiers}) quoted, so that a column named like a keyword ({@code order},
     * {@code group}, {@code key}) works, and folded to the case the database gives an unquoted name (PostgreSQL
     * lower, Derby upper; MariaDB compares column names without case, and table names as the server is set up for
     * unquoted ones too): a name means the column it meant before it was quoted.
     */
    abstract String quote(String name);

    /** A checked table name, {@code table} or {@code schema.table}, each part quoted. */
    String quoteTable(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    /** The column type a created table gets for a field; key columns may need a bounded type. */
    abstract String columnType(FieldType type, boolean key);

    /**
     * A statement that inserts a row or, when its key exists, updates it; empty when the database has none.
     *
     * @param insert  the plain insert of all columns
     * @param keys    the primary-key columns, quoted
     * @param updated the columns an existing row gets from the new one, quoted
     */
    Optional<String> upsert(String insert, List<String> keys, List<String> updated) {
        return Optional.empty();
    }

    /**
     * Whether dates and times are bound as the text of their literals ({@link DateTimeText}): MariaDB's driver sends
     * every parameter as text, and formats a {@code Timestamp} given with a calendar through a new
     * {@code SimpleDateFormat} per value and a {@code LocalDateTime} through a {@code DateTimeFormatter} (together
     * a quarter of an upsert's time in the bench).
     */
    boolean timesAsText() {
        return this == MARIADB;
    }
}
