package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A connection's settings: where the API is, how Ferry signs in, and how gently it calls.
 *
 * @param baseUrl           the API's root; resource paths are resolved against it
 * @param auth              how requests are signed in
 * @param requestsPerSecond the most requests a second this connection sends (0: no limit)
 * @param timeout           how long one request may take
 * @param retries           how often a request answered 429, 5xx or not at all is tried again within one call
 * @param maxRetryWait      the longest wait Ferry sits out within a call; an API asking for more is left to the
 *                          platform's backoff
 * @param discoveryPath     the path that lists the API's resources, if it has one
 */
record HttpSettings(URI baseUrl, Auth auth, int requestsPerSecond, Duration timeout, int retries,
                    Duration maxRetryWait, String discoveryPath) {

    static final String BASE_URL = "baseUrl";
    static final String AUTH = "auth";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String API_KEY = "apiKey";
    static final String API_KEY_NAME = "apiKeyName";
    static final String API_KEY_IN = "apiKeyIn";
    static final String TOKEN = "token";
    static final String TOKEN_URL = "tokenUrl";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String SCOPE = "scope";
    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    static final String TIMEOUT = "timeoutSeconds";
    static final String RETRIES = "retries";
    static final String MAX_RETRY_WAIT = "maxRetryWaitSeconds";
    static final String DISCOVERY_PATH = "discoveryPath";

    static List<ConfigField> fields() {
        return List.of(
                ConfigField.required(BASE_URL, ConfigType.URI, "The API's root, e.g. https://api.example.com/v1"),
                ConfigField.optional(AUTH, ConfigType.STRING, "none",
                        "How requests sign in: none, basic, apiKey, bearer or oauth2 (client credentials)"),
                ConfigField.optional(USER, ConfigType.STRING, null, "User name (auth basic)"),
                ConfigField.secret(PASSWORD, "Password (auth basic)"),
                ConfigField.secret(API_KEY, "The API key (auth apiKey)"),
                ConfigField.optional(API_KEY_NAME, ConfigType.STRING, "X-API-Key",
                        "Header or query parameter that carries the API key (auth apiKey)"),
                ConfigField.optional(API_KEY_IN, ConfigType.STRING, "header",
                        "Where the API key goes: header or query (auth apiKey)"),
                ConfigField.secret(TOKEN, "The bearer token (auth bearer)"),
                ConfigField.optional(TOKEN_URL, ConfigType.URI, null, "The token endpoint (auth oauth2)"),
                ConfigField.optional(CLIENT_ID, ConfigType.STRING, null, "The client id (auth oauth2)"),
                ConfigField.secret(CLIENT_SECRET, "The client secret (auth oauth2)"),
                ConfigField.optional(SCOPE, ConfigType.STRING, null, "Scopes to ask for, space-separated (auth oauth2)"),
                ConfigField.optional(REQUESTS_PER_SECOND, ConfigType.INTEGER, "0",
                        "The most requests a second sent on this connection, by all its registrations together; 0: no limit"),
                ConfigField.optional(TIMEOUT, ConfigType.INTEGER, "30", "Seconds one request may take"),
                ConfigField.optional(RETRIES, ConfigType.INTEGER, "3",
                        "How often a request answered 429, 5xx or not at all is tried again before the call fails"),
                ConfigField.optional(MAX_RETRY_WAIT, ConfigType.INTEGER, "60",
                        "The longest Retry-After waited out within a call; an API asking for longer is tried again by"
                                + " the platform after that time"),
                ConfigField.optional(DISCOVERY_PATH, ConfigType.STRING, null,
                        "A path answering with the API's resources: an object of arrays (e.g. json-server's db) or one"
                                + " array; discovery offers each array as a data object"));
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigException naming each setting that cannot be used
     */
    static HttpSettings of(Config c) {
        List<ConfigException.Problem> problems = new ArrayList<>();
        URI base = URI.create(c.string(BASE_URL, "http://invalid"));
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(new ConfigException.Problem(BASE_URL, "'" + base + "' is not an http or https URL"));
        } else if (base.getHost() == null) {
            problems.add(new ConfigException.Problem(BASE_URL, "'" + base + "' names no host"));
        } else if (base.getRawQuery() != null || base.getRawFragment() != null) {
            problems.add(new ConfigException.Problem(BASE_URL,
                    "'" + base + "' has a query or fragment; put query parameters in the object's 'query' option"));
        } else if (base.getRawUserInfo() != null) {
            problems.add(new ConfigException.Problem(BASE_URL,
                    "carries a user name or password; use auth basic with 'user' and 'password' instead"));
        }
        Auth auth = Auth.of(c, problems);
        int perSecond = (int) range(c, REQUESTS_PER_SECOND, 0, 0, 10_000, problems);
        long timeout = range(c, TIMEOUT, 30, 1, 3_600, problems);
        int retries = (int) range(c, RETRIES, 3, 0, 20, problems);
        long maxWait = range(c, MAX_RETRY_WAIT, 60, 0, 3_600, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String discovery = c.get(DISCOVERY_PATH).filter(s -> !s.isBlank()).orElse(null);
        return new HttpSettings(withTrailingSlash(base), auth, perSecond, Duration.ofSeconds(timeout), retries,
                Duration.ofSeconds(maxWait), discovery);
    }

    /** The URL of a path below the base: {@code customers} under {@code https://h/v1} is {@code https://h/v1/customers}. */
    URI resolve(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return baseUrl.resolve(relative);
    }

    private static URI withTrailingSlash(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? base : URI.create(s + "/");
    }

    /** A whole-number setting within bounds; a problem is added (and the fallback given) when it is not one. */
    static long range(Config c, String name, long fallback, long min, long max,
                      List<ConfigException.Problem> problems) {
        long value;
        try {
            value = c.integer(name, fallback);
        } catch (NumberFormatException e) {
            problems.add(new ConfigException.Problem(name, "'" + c.string(name, "") + "' is not a whole number"));
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(new ConfigException.Problem(name, value + " is not between " + min + " and " + max));
            return fallback;
        }
        return value;
    }
}
