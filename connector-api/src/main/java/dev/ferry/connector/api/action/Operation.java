package dev.ferry.connector.api.action;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Locale;

/** What an action does to one record of a data object. */
@ProviderType
public enum Operation {
    INSERT, UPDATE, UPSERT, DELETE, GET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operation fromLabel(String label) {
        for (Operation o : values()) {
            if (o.label().equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + label + "' (expected insert, update, upsert, delete or get)");
    }
}
