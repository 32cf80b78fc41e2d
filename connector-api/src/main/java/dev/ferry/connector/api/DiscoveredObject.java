package dev.ferry.connector.api;

import dev.ferry.connector.api.data.FieldSpec;
import org.osgi.annotation.versioning.ProviderType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data object a connection can see (a table, a set of files, a queue), as {@link Connector#discover} finds it: the
 * module that reads it, its name, its fields and key as far as the system tells them, and the object options a
 * product's service sets to use it. A product author picks from these instead of declaring every field by hand.
 *
 * <p>Built with {@link #builder(String, String)}, so a later version can add to it without breaking connectors
 * compiled against this one.
 *
 * @since connector API 1.1
 */
@ProviderType
public final class DiscoveredObject {

    private final String module;
    private final String name;
    private final String description;
    private final List<FieldSpec> fields;
    private final List<String> primaryKey;
    private final Map<String, String> options;

    private DiscoveredObject(Builder b) {
        this.module = b.module;
        this.name = b.name;
        this.description = b.description;
        this.fields = List.copyOf(b.fields);
        this.primaryKey = List.copyOf(b.primaryKey);
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    /** A builder for an object of a module (e.g. {@code table}) named as users see it (e.g. {@code customers}). */
    public static Builder builder(String module, String name) {
        return new Builder(module, name);
    }

    /** The module that reads and writes it. */
    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    /** One sentence about it (e.g. a table's comment, a file's size); empty when there is nothing to say. */
    public String description() {
        return description;
    }

    /** Its fields, in the system's order. */
    public List<FieldSpec> fields() {
        return fields;
    }

    /** The fields that identify a record, when the system says (a table's primary key); empty when it does not. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The module's object options that select it (e.g. {@code table=customers}). */
    public Map<String, String> options() {
        return options;
    }

    @Override
    public String toString() {
        return module + " " + name + " " + fields + " key " + primaryKey + " options " + options;
    }

    /** Builds a {@link DiscoveredObject}. */
    public static final class Builder {
        private final String module;
        private final String name;
        private String description = "";
        private final List<FieldSpec> fields = new ArrayList<>();
        private final List<String> primaryKey = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String module, String name) {
            this.module = Objects.requireNonNull(module, "module");
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder description(String text) {
            this.description = text == null ? "" : text;
            return this;
        }

        public Builder field(FieldSpec field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** The key fields, in order; each must be one of its fields by the time it is built. */
        public Builder primaryKey(List<String> names) {
            primaryKey.clear();
            primaryKey.addAll(names);
            return this;
        }

        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException when a key field is not one of its fields */
        public DiscoveredObject build() {
            for (String key : primaryKey) {
                if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                    throw new IllegalArgumentException("key field '" + key + "' is not a field of '" + name + "'");
                }
            }
            return new DiscoveredObject(this);
        }
    }
}
