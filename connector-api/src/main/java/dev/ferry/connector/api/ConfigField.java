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

    /**
     * A builder, so a connector built against this version keeps compiling when a later one adds to a setting:
     * {@code ConfigField.builder("url", ConfigType.URI).required().description("...").build()}. Optional, not secret,
     * without a default unless told.
     *
     * @since connector API 1.1
     */
    public static Builder builder(String name, ConfigType type) {
        return new Builder(name, type);
    }

    /** Builds a {@link ConfigField}. */
    public static final class Builder {
        private final String name;
        private final ConfigType type;
        private boolean required;
        private String defaultValue;
        private boolean secret;
        private String description = "";

        private Builder(String name, ConfigType type) {
            this.name = name;
            this.type = type;
        }

        /** A value (or a default) must be given. */
        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        /** Masked in listings, logs and the activity log, and kept encrypted. */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @throws IllegalArgumentException when the default does not fit the type */
        public ConfigField build() {
            return new ConfigField(name, type, required, defaultValue, secret, description);
        }
    }
}
