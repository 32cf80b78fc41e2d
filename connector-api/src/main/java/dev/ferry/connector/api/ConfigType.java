package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** The type of a configuration value; values travel as strings and are checked against their type. */
@ProviderType
public enum ConfigType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** A file-system path. */
    PATH,
    /** An absolute URI such as {@code jdbc:postgresql://host/db} or {@code https://api.example.com}. */
    URI;

    /**
     * Checks a raw value.
     *
     * @return why the value is not of this type, or empty when it is
     */
    public Optional<String> problem(String raw) {
        if (raw == null) {
            return Optional.of("has no value");
        }
        switch (this) {
            case INTEGER:
                try {
                    Long.parseLong(raw.trim());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("'" + raw + "' is not a whole number");
                }
            case BOOLEAN:
                return raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")
                        ? Optional.empty() : Optional.of("'" + raw + "' is not true or false");
            case PATH:
                try {
                    if (raw.isBlank()) {
                        return Optional.of("is empty");
                    }
                    Path.of(raw);
                    return Optional.empty();
                } catch (InvalidPathException e) {
                    return Optional.of("'" + raw + "' is not a valid path: " + e.getReason());
                }
            case URI:
                try {
                    java.net.URI uri = new java.net.URI(raw);
                    return uri.getScheme() == null
                            ? Optional.of("'" + raw + "' is not an absolute URI (no scheme)") : Optional.empty();
                } catch (URISyntaxException e) {
                    return Optional.of("'" + raw + "' is not a valid URI: " + e.getReason());
                }
            default:
                return Optional.empty();
        }
    }

    /** The lower-case name used in descriptors and listings. */
    public String label() {
        return name().toLowerCase();
    }

    /** Parses a descriptor label such as {@code "path"}. */
    public static ConfigType fromLabel(String label) {
        for (ConfigType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown config type '" + label + "' (expected one of string, integer, boolean, path, uri)");
    }
}
