package dev.ferry.connector.api;

import dev.ferry.connector.api.action.Operation;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Set;

/**
 * A module of a connector: one kind of data object (a table, a file format, an API resource).
 *
 * @param name          e.g. {@code table}
 * @param description   one sentence
 * @param serviceTypes  the sides it offers
 * @param operations    the action operations it supports (empty without an action-processor side)
 * @param objectOptions settings each data object of this module takes (e.g. the table name)
 */
@ProviderType
public record ModuleSpec(String name, String description, Set<ServiceType> serviceTypes, Set<Operation> operations,
                         List<ConfigField> objectOptions) {
    public ModuleSpec {
        serviceTypes = Set.copyOf(serviceTypes);
        operations = Set.copyOf(operations);
        objectOptions = List.copyOf(objectOptions);
    }

    /**
     * A builder, so a connector built against this version keeps compiling when a later one adds to a module:
     * {@code ModuleSpec.builder("table").description("...").serviceType(ServiceType.CACHE_WRITER).objectOption(f).build()}.
     *
     * @since connector API 1.1
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link ModuleSpec}. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final java.util.Set<ServiceType> serviceTypes = java.util.EnumSet.noneOf(ServiceType.class);
        private final java.util.Set<dev.ferry.connector.api.action.Operation> operations =
                java.util.EnumSet.noneOf(dev.ferry.connector.api.action.Operation.class);
        private final java.util.List<ConfigField> objectOptions = new java.util.ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** A side the module offers. */
        public Builder serviceType(ServiceType type) {
            serviceTypes.add(type);
            return this;
        }

        /** An action operation the module's action-processor side takes. */
        public Builder operation(dev.ferry.connector.api.action.Operation operation) {
            operations.add(operation);
            return this;
        }

        /** A setting each data object of the module takes. */
        public Builder objectOption(ConfigField option) {
            objectOptions.add(option);
            return this;
        }

        public ModuleSpec build() {
            return new ModuleSpec(name, description, serviceTypes, operations, objectOptions);
        }
    }
}
