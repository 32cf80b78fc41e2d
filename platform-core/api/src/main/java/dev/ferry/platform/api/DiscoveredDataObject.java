package dev.ferry.platform.api;

import java.util.List;
import java.util.Map;

/**
 * A data object a connection can see, as the connector's discovery found it: what a product's service names to use
 * it ({@code module}, the object {@code options}) and its fields and key as far as the system tells them.
 *
 * @param primaryKey the key fields when the system says (a table's primary key); empty when the product must choose
 */
public record DiscoveredDataObject(String module, String name, String description, List<Field> fields,
                                   List<String> primaryKey, Map<String, String> options) {

    /** A field: its name, its type ({@code string}, {@code integer}, {@code decimal}, ...) and whether it is required. */
    public record Field(String name, String type, boolean required) {
    }
}
