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
}
