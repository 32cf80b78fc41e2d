package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting a connector (or a module's data object) takes, declared as data.
 *
 * @param name         key, e.g. {@code url}
 * @param type         value type, checked before the connector sees the value
 * @param required     whether a value (or a default) must be present
 * @param defaultValue used when no value is given; {@code null} for none
 * @param secret       the value is masked in listings, logs and the activity log
 * @param description  one sentence for forms and help
 */
@ProviderType
public record ConfigField(String name, ConfigType type, boolean required, String defaultValue, boolean secret,
                          String description) {

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        if (defaultValue != null) {
            type.problem(defaultValue).ifPresent(p -> {
                throw new IllegalArgumentException("default of '" + name + "' " + p);
            });
        }
    }

    public static ConfigField required(String name, ConfigType type, String description) {
        return new ConfigField(name, type, true, null, false, description);
    }

    public static ConfigField optional(String name, ConfigType type, String defaultValue, String description) {
        return new ConfigField(name, type, false, defaultValue, false, description);
    }

    public static ConfigField secret(String name, String description) {
        return new ConfigField(name, ConfigType.STRING, false, null, true, description);
    }

    /** Why a raw value is not acceptable for this field, or empty. A missing value is checked by {@link Config#validate}. */
    public Optional<String> problem(String raw) {
        return type.problem(raw);
    }
}
