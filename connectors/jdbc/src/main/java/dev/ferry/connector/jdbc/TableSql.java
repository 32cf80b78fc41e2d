package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements for one table. Names (checked as identifiers) are quoted in the case each database folds an
 * unquoted name to ({@link SqlDialect#quote}): they mean what they would in hand-written SQL, keywords included.
 */
final class TableSql {

    private final TableObject table;
    private final SqlDialect dialect;
    /** Multi-row upserts made so far, by rows: a batch of 2,000 rows has 20,000 parameters to list. */
    private final Map<Integer, Optional<BoundSql>> upsertRows = new HashMap<>();

    private final String tableName;

    TableSql(TableObject table, SqlDialect dialect) {
        this.table = table;
        this.dialect = dialect;
        this.tableName = dialect.quoteTable(table.table());
    }

    /** Selects nothing, but fails when the table or one of the columns is missing. */
    String probe() {
        return "SELECT " + columns(table.fields()) + " FROM " + tableName + " WHERE 1 = 0";
    }

    String createTable() {
        List<String> columns = new ArrayList<>();
        for (FieldSpec field : table.fields()) {
            boolean key = table.isKey(field);
            columns.add(dialect.quote(field.name()) + " " + dialect.columnType(field.type(), key)
                    + (key || field.required() ? " NOT NULL" : ""));
        }
        columns.add("PRIMARY KEY (" + columns(table.keyFields()) + ")");
        return "CREATE TABLE " + tableName + " (" + String.join(", ", columns) + ")";
    }

    BoundSql selectAll() {
        return bound("SELECT " + columns(table.fields()) + " FROM " + tableName, List.of());
    }

    /** Every row in cursor order, for the first incremental read. */
    BoundSql selectByCursor() {
        return bound(selectAll().sql() + " ORDER BY " + dialect.quote(table.cursorField().name()), List.of());
    }

    /**
     * The rows from a cursor value on, that value included, in cursor order. Not "after" it: a row committed later
     * with the same value (the same {@code updated_at}) would be skipped for good; the rows at the value itself are read again and found unchanged by the platform's cache.
     */
    BoundSql selectFromCursor() {
        String cursor = dialect.quote(table.cursorField().name());
        return bound(selectAll().sql() + " WHERE " + cursor + " >= ? ORDER BY " + cursor,
                List.of(table.cursorField()));
    }

    BoundSql selectByKey() {
        return bound(selectAll().sql() + " WHERE " + keyCondition(), table.keyFields());
    }

    BoundSql insert() {
        return bound("INSERT INTO " + tableName + " (" + columns(table.fields()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.fields().size(), "?")) + ")", table.fields());
    }

    BoundSql update() {
        List<FieldSpec> parameters = new ArrayList<>(table.updatedFields());
        parameters.addAll(table.keyFields());
        return bound("UPDATE " + tableName + " SET "
                + table.updatedFields().stream().map(f -> dialect.quote(f.name()) + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + keyCondition(), parameters);
    }

    BoundSql delete() {
        return bound("DELETE FROM " + tableName + " WHERE " + keyCondition(), table.keyFields());
    }

    /** The dialect's single-statement upsert, or empty when an upsert is an update followed by an insert. */
    Optional<BoundSql> upsert() {
        return dialect.upsert(insert().sql(), names(table.keyFields()), names(table.updatedFields()))
                .map(sql -> bound(sql, table.fields()));
    }

    /**
     * The dialect's upsert of {@code rows} rows in one statement (PostgreSQL and MariaDB take many value lists),
     * or empty when the database has no single-statement upsert.
     */
    Optional<BoundSql> upsertRows(int rows) {
        return upsertRows.computeIfAbsent(rows, this::makeUpsertRows);
    }

    private Optional<BoundSql> makeUpsertRows(int rows) {
        String group = "(" + String.join(", ", Collections.nCopies(table.fields().size(), "?")) + ")";
        String insert = "INSERT INTO " + tableName + " (" + columns(table.fields()) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, group));
        List<FieldSpec> parameters = new ArrayList<>(table.fields().size() * rows);
        for (int i = 0; i < rows; i++) {
            parameters.addAll(table.fields());
        }
        return dialect.upsert(insert, names(table.keyFields()), names(table.updatedFields()))
                .map(sql -> bound(sql, parameters));
    }

    private String keyCondition() {
        return table.keyFields().stream().map(f -> dialect.quote(f.name()) + " = ?").collect(Collectors.joining(" AND "));
    }

    private String columns(List<FieldSpec> fields) {
        return String.join(", ", names(fields));
    }

    private List<String> names(List<FieldSpec> fields) {
        return fields.stream().map(f -> dialect.quote(f.name())).toList();
    }

    private BoundSql bound(String sql, List<FieldSpec> parameters) {
        return new BoundSql(sql, parameters, dialect);
    }
}
