package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

/** The two sides a module can offer. */
@ProviderType
public enum ServiceType {
    /** Reads a data object into the workspace cache. */
    CACHE_WRITER("cache-writer"),
    /** Executes actions against the external system. */
    ACTION_PROCESSOR("action-processor");

    private final String label;

    ServiceType(String label) {
        this.label = label;
    }

    /** The name used in descriptors and service names ({@code connector/module/cache-writer}). */
    public String label() {
        return label;
    }

    public static ServiceType fromLabel(String label) {
        for (ServiceType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown service type '" + label + "' (expected cache-writer or action-processor)");
    }
}
