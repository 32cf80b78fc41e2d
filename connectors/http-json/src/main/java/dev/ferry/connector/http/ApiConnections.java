package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connections in use, one per distinct set of settings, so that every registration calling an API with the same
 * settings shares its rate limit and its OAuth2 token. The least recently used are let go past {@value #KEPT}.
 */
final class ApiConnections {

    static final int KEPT = 256;

    private final Map<Config, ApiConnection> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Config, ApiConnection> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The connection for these settings.
     *
     * @throws dev.ferry.connector.api.ConfigException naming each setting that cannot be used
     */
    ApiConnection of(Config connection) {
        HttpSettings settings = HttpSettings.of(connection);
        synchronized (open) {
            return open.computeIfAbsent(connection, c -> new ApiConnection(settings));
        }
    }

    void clear() {
        synchronized (open) {
            open.clear();
        }
    }
}
