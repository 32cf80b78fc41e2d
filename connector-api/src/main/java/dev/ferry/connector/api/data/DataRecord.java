package dev.ferry.connector.api.data;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One record of a data object: field values in field order. Immutable; values may be {@code null}. */
@ProviderType
public final class DataRecord {

    private final Map<String, Object> values;

    private DataRecord(Map<String, Object> values) {
        this.values = values;
    }

    public static DataRecord of(Map<String, ?> values) {
        return new DataRecord(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** A record over a map built for it and never changed afterwards (no copy). */
    static DataRecord wrap(Map<String, Object> values) {
        return new DataRecord(Collections.unmodifiableMap(values));
    }

    /** A record over a map that cannot be changed (no copy, no wrapper). */
    static DataRecord wrapImmutable(FieldRow values) {
        return new DataRecord(values);
    }

    public Object get(String field) {
        return values.get(field);
    }


    public Set<String> fields() {
        return values.keySet();
    }

    public Map<String, Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRecord r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
