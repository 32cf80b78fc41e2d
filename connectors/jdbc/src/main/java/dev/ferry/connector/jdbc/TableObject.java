package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.data.DataRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A data object of module {@code table}, its options checked: a table whose columns are named like the fields.
 *
 * @param object       the data object
 * @param table        the table name, a checked SQL identifier
 * @param cursorField  the field incremental reads order by and resume from (the last value included), or {@code null}
 * @param createTable  whether to create the table when it is missing
 * @param batchSize    actions per transaction, rows per fetch
 */
record TableObject(DataObject object, String table, FieldSpec cursorField, boolean createTable, int batchSize) {

    static final String TABLE = "table";
    static final String CURSOR_COLUMN = "cursorColumn";
    static final String CREATE_TABLE = "createTable";
    static final String BATCH_SIZE = "batchSize";

    static List<ConfigField> options() {
        return List.of(
                ConfigField.required(TABLE, ConfigType.STRING,
                        "The table, optionally with its schema (schema.table): letters, digits and '_', compared as the database compares unquoted names"),
                ConfigField.optional(CURSOR_COLUMN, ConfigType.STRING, null,
                        "Field with growing values (e.g. updated_at) that incremental reads resume from, rows at the last value included"),
                ConfigField.optional(CREATE_TABLE, ConfigType.BOOLEAN, "false",
                        "Create the table from the object's fields and key when it does not exist"),
                ConfigField.optional(BATCH_SIZE, ConfigType.INTEGER, "2000",
                        "Actions per transaction when writing, rows per fetch when reading"));
    }

    /** @throws ConfigException naming each option or field that cannot be used */
    static TableObject of(DataObject object) {
        Config options = object.options();
        List<ConfigException.Problem> problems = new ArrayList<>();
        String table = options.get(TABLE).orElse(null);
        if (table == null) {
            problems.add(new ConfigException.Problem(TABLE, "is required"));
        } else if (!SqlIdentifiers.isTable(table)) {
            problems.add(new ConfigException.Problem(TABLE, "'" + table
                    + "' is not an SQL identifier (letters, digits and '_', optionally one 'schema.' prefix)"));
        }
        for (FieldSpec field : object.fields()) {
            if (!SqlIdentifiers.isColumn(field.name())) {
                problems.add(new ConfigException.Problem(field.name(),
                        "cannot be a column name: fields of a table are SQL identifiers (letters, digits and '_')"));
            }
        }
        FieldSpec cursorField = null;
        String cursorColumn = options.get(CURSOR_COLUMN).filter(c -> !c.isBlank()).orElse(null);
        if (cursorColumn != null) {
            cursorField = object.field(cursorColumn).orElse(null);
            if (cursorField == null) {
                problems.add(new ConfigException.Problem(CURSOR_COLUMN, "'" + cursorColumn + "' is not a field of '"
                        + object.name() + "'"));
            } else if (cursorField.type() == FieldType.OBJECT || cursorField.type() == FieldType.ARRAY) {
                problems.add(new ConfigException.Problem(CURSOR_COLUMN, "'" + cursorColumn + "' is "
                        + cursorField.type().label() + ": a cursor column orders rows, so it holds numbers, text,"
                        + " dates or times"));
            }
        }
        long batchSize = 0;
        try {
            batchSize = options.integer(BATCH_SIZE, 2000);
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        if (batchSize < 1 || batchSize > 100_000) {
            problems.add(new ConfigException.Problem(BATCH_SIZE, "'" + options.string(BATCH_SIZE, "")
                    + "' is not a whole number between 1 and 100000"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TableObject(object, table, cursorField, options.bool(CREATE_TABLE, false), (int) batchSize);
    }

    List<FieldSpec> fields() {
        return object.fields();
    }

    List<FieldSpec> keyFields() {
        return object.primaryKey().stream().map(k -> object.field(k).orElseThrow()).toList();
    }

    /** The fields an update sets; a table of key columns only "updates" its key to itself. */
    List<FieldSpec> updatedFields() {
        List<FieldSpec> values = object.fields().stream().filter(f -> !object.primaryKey().contains(f.name())).toList();
        return values.isEmpty() ? keyFields() : values;
    }

    boolean isKey(FieldSpec field) {
        return object.primaryKey().contains(field.name());
    }

    /**
     * The key of a record, typed; for delete and get, which need nothing else.
     *
     * @throws IllegalArgumentException naming a key field that is missing or does not fit its type
     */
    DataRecord keyOf(DataRecord record) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (FieldSpec field : keyFields()) {
            Object value;
            try {
                value = field.type().coerce(record.get(field.name()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + field.name() + "': " + e.getMessage());
            }
            if (value == null) {
                throw new IllegalArgumentException("key field '" + field.name() + "' is required but empty");
            }
            key.put(field.name(), value);
        }
        return DataRecord.of(key);
    }

    /** The key of a raw row of values in field order, for messages. */
    String describeKey(List<?> row) {
        List<String> names = object.fields().stream().map(FieldSpec::name).toList();
        return object.primaryKey().stream().map(k -> String.valueOf(row.get(names.indexOf(k))))
                .collect(Collectors.joining(","));
    }

    /** The key of a raw row, for messages. */
    String describeKey(Map<String, ?> row) {
        return object.primaryKey().stream().map(k -> String.valueOf(row.get(k))).collect(Collectors.joining(","));
    }
}
