package dev.ferry.connector.api.data;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Objects;

/**
 * One field of a data object.
 *
 * @param name     field name as records carry it
 * @param type     value type
 * @param required whether every record must carry a non-null value
 */
@ProviderType
public record FieldSpec(String name, FieldType type, boolean required) {
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        // one instance per name: records built by one object are read by the names of another (a flow's target),
        // and finding a field by an identical name skips comparing characters
        name = name.intern();
    }
}
