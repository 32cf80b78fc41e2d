package dev.ferry.connector.api.data;

import dev.ferry.connector.api.Config;
import org.osgi.annotation.versioning.ProviderType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A data object of a module (a table, a file set, an API resource) as a product declares it.
 *
 * @param name       e.g. {@code customers}
 * @param fields     its fields, in order
 * @param primaryKey the names of the fields that identify a record (at least one)
 * @param options    the module's per-object settings (e.g. {@code table=CUSTOMERS}), validated against
 *                   {@link dev.ferry.connector.api.ModuleSpec#objectOptions()}
 */
@ProviderType
public record DataObject(String name, List<FieldSpec> fields, List<String> primaryKey, Config options) {

    public DataObject {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        options = options == null ? Config.empty() : options;
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("data object '" + name + "' has no primary key");
        }
        for (String key : primaryKey) {
            FieldSpec field = fields.stream().filter(f -> f.name().equals(key)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("primary key field '" + key + "' is not a field of '" + name + "'"));
            if (field.type() == FieldType.OBJECT || field.type() == FieldType.ARRAY) {
                throw new IllegalArgumentException("primary key field '" + key + "' is " + field.type().label()
                        + ": a key is made of strings, numbers, booleans, dates and times");
            }
        }
    }

    public Optional<FieldSpec> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /**
     * Builds a record of this object from raw values (for example the strings of a CSV row): each declared field
     * is converted to its type; undeclared values are dropped.
     *
     * @throws IllegalArgumentException naming the first field that is missing or does not fit
     */
    public DataRecord toRecord(Map<String, ?> raw) {
        if (fields.size() > FieldRow.MAX_FIELDS) {
            Map<String, Object> values = new LinkedHashMap<>(fields.size() * 2);
            for (FieldSpec field : fields) {
                values.put(field.name(), convert(field, raw.get(field.name())));
            }
            return DataRecord.wrap(values);
        }
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            FieldSpec field = fields.get(i);
            row[i] = convert(field, raw.get(field.name()));
        }
        return DataRecord.wrapImmutable(new FieldRow(fields, row));
    }

    /**
     * Builds a record of this object from raw values in field order (for example a row's columns as selected):
     * the same conversion as {@link #toRecord(Map)}, without a map per row.
     *
     * @param values one value per field, in the order of {@link #fields()}
     * @throws IllegalArgumentException naming the first field that is missing or does not fit, or when the number
     *                                  of values is not the number of fields
     * @since data 1.1
     */
    public DataRecord toRecord(List<?> values) {
        if (values.size() != fields.size()) {
            throw new IllegalArgumentException(values.size() + " value(s) for the " + fields.size() + " field(s) of '"
                    + name + "'");
        }
        if (fields.size() > FieldRow.MAX_FIELDS) {
            Map<String, Object> record = new LinkedHashMap<>(fields.size() * 2);
            for (int i = 0; i < fields.size(); i++) {
                FieldSpec field = fields.get(i);
                record.put(field.name(), convert(field, values.get(i)));
            }
            return DataRecord.wrap(record);
        }
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = convert(fields.get(i), values.get(i));
        }
        return DataRecord.wrapImmutable(new FieldRow(fields, row));
    }

    /**
     * The class each type's values have once converted (by ordinal), where converting such a value gives it back
     * unchanged; null for object and array fields, whose values are rebuilt. Values a reader already made right
     * (a JDBC row's, mostly) then skip the conversion's checks.
     */
    private static final Class<?>[] CONVERTED = canonicalClasses();

    private static Class<?>[] canonicalClasses() {
        Class<?>[] classes = new Class<?>[FieldType.values().length];
        classes[FieldType.STRING.ordinal()] = String.class;
        classes[FieldType.INTEGER.ordinal()] = Long.class;
        classes[FieldType.DECIMAL.ordinal()] = java.math.BigDecimal.class;
        classes[FieldType.BOOLEAN.ordinal()] = Boolean.class;
        classes[FieldType.DATE.ordinal()] = java.time.LocalDate.class;
        classes[FieldType.TIMESTAMP.ordinal()] = java.time.Instant.class;
        return classes;
    }

    private Object convert(FieldSpec field, Object raw) {
        if (raw != null && raw.getClass() == CONVERTED[field.type().ordinal()]) {
            return raw; // FieldType.coerce gives these back as they are
        }
        Object value;
        try {
            value = field.type().coerce(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field.name() + "': " + e.getMessage());
        }
        if (value == null && (field.required() || primaryKey.contains(field.name()))) {
            throw new IllegalArgumentException("field '" + field.name() + "' is required but empty");
        }
        return value;
    }

    /** The primary-key values of a record, in key order. */
    public List<Object> keyOf(DataRecord record) {
        List<Object> key = new ArrayList<>(primaryKey.size());
        for (String k : primaryKey) {
            key.add(record.get(k));
        }
        return key;
    }

    /**
     * A builder, so code built against this version keeps compiling when a later one adds to a data object:
     * {@code DataObject.builder("customers").field(new FieldSpec("id", FieldType.INTEGER, true)).primaryKey("id").build()}.
     *
     * @since connector API 1.1
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link DataObject}. */
    public static final class Builder {
        private final String name;
        private final List<FieldSpec> fields = new java.util.ArrayList<>();
        private final List<String> primaryKey = new java.util.ArrayList<>();
        private Config options = Config.empty();

        private Builder(String name) {
            this.name = name;
        }

        public Builder field(FieldSpec field) {
            fields.add(field);
            return this;
        }

        /** The key fields, in order. */
        public Builder primaryKey(String... names) {
            primaryKey.clear();
            primaryKey.addAll(List.of(names));
            return this;
        }

        /** The module's per-object settings. */
        public Builder options(Config options) {
            this.options = options;
            return this;
        }

        /** @throws IllegalArgumentException when there is no key or a key field is not a field */
        public DataObject build() {
            return new DataObject(name, fields, primaryKey, options);
        }
    }
}
