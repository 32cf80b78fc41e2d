package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What a connector says about itself.
 *
 * @param id          short, stable, lower-case identifier products refer to (e.g. {@code jdbc})
 * @param name        human name
 * @param version     the connector's own version (semantic)
 * @param vendor      who ships and supports it
 * @param description one sentence for listings
 */
@ProviderType
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

    /**
     * The version a connector's build wrote into {@code connector.properties} beside its class (key {@code version};
     * a filtered resource such as {@code version=${project.version}}), so {@link #version()} follows the build.
     *
     * @throws IllegalStateException when the resource or the key is missing
     */
    public static String buildVersion(Class<?> connectorClass) {
        try (InputStream in = connectorClass.getResourceAsStream("connector.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector.properties is missing beside " + connectorClass.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null) {
                throw new IllegalStateException("connector.properties beside " + connectorClass.getName() + " has no version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A builder, so a connector built against this version keeps compiling when a later one adds to what a
     * connector says about itself: {@code ConnectorInfo.builder("ftp").name("FTP").version(...).vendor("Acme").build()}.
     *
     * @since connector API 1.1
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link ConnectorInfo}; name, version and vendor are required. */
    public static final class Builder {
        private final String id;
        private String name;
        private String version;
        private String vendor;
        private String description = "";

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The connector's own version, e.g. {@link ConnectorInfo#buildVersion(Class)}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException naming what is missing or wrong */
        public ConnectorInfo build() {
            return new ConnectorInfo(id, name, version, vendor, description);
        }
    }
}
