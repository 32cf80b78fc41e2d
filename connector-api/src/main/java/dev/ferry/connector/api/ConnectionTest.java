package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outcome of {@link Connector#testConnection(Config)}.
 *
 * @param ok      whether the connection works
 * @param message what was found, in a user's words (e.g. "connected to PostgreSQL 15.4")
 */
@ProviderType
public record ConnectionTest(boolean ok, String message) {
    public static ConnectionTest ok(String message) {
        return new ConnectionTest(true, message);
    }

    public static ConnectionTest failed(String message) {
        return new ConnectionTest(false, message);
    }
}
