package dev.ferry.connector.api;

import java.util.Objects;

/**
 * What a connector says about itself.
 *
 * @param id          short, stable, lower-case identifier products refer to (e.g. {@code jdbc})
 * @param name        human name
 * @param version     the connector's own version (semantic)
 * @param vendor      who ships and supports it
 * @param description one sentence for listings
 */
public record ConnectorInfo(String id, String name, String version, String vendor, String description) {
    public ConnectorInfo {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("connector id '" + id + "' must be lower-case letters, digits or '-'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(vendor, "vendor");
        description = description == null ? "" : description;
    }
}
