package dev.ferry.connector.amqp;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A connection's settings: the broker's address and virtual host, who signs in, and how long to wait for it.
 * Its {@code toString} never shows the password.
 *
 * @param url     {@code amqp://host:port/vhost} or {@code amqps://…}, without credentials
 * @param user    the user that signs in
 * @param password its password
 * @param timeoutSeconds how long connecting and a publisher confirm may take
 */
record BrokerSettings(URI url, String user, String password, int timeoutSeconds) {

    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String TIMEOUT = "timeoutSeconds";

    static List<ConfigField> fields() {
        return List.of(
                ConfigField.required(URL, ConfigType.URI, "The broker: amqp://host:5672/vhost or amqps://host:5671/vhost"
                        + " (the virtual host URL-encoded, %2F for /), without user or password"),
                ConfigField.optional(USER, ConfigType.STRING, "guest", "The user that signs in"),
                ConfigField.secret(PASSWORD, "The user's password"),
                ConfigField.optional(TIMEOUT, ConfigType.INTEGER, "30",
                        "Seconds connecting, and the broker's confirm of a batch of published messages, may take"));
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigException naming each setting that cannot be used
     */
    static BrokerSettings of(Config c) {
        List<ConfigException.Problem> problems = new ArrayList<>();
        URI url = URI.create(c.string(URL, "amqp://invalid"));
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            problems.add(new ConfigException.Problem(URL, "'" + url + "' is not an amqp or amqps URL"));
        } else if (url.getHost() == null) {
            problems.add(new ConfigException.Problem(URL, "'" + url + "' names no host"));
        } else if (url.getRawUserInfo() != null) {
            problems.add(new ConfigException.Problem(URL,
                    "carries a user name or password; use the 'user' and 'password' settings instead"));
        }
        long timeout;
        try {
            timeout = c.integer(TIMEOUT, 30);
        } catch (NumberFormatException e) {
            timeout = -1;
        }
        if (timeout < 1 || timeout > 3600) {
            problems.add(new ConfigException.Problem(TIMEOUT, "'" + c.string(TIMEOUT, "") + "' is not between 1 and 3600"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BrokerSettings(url, c.string(USER, "guest"), c.string(PASSWORD, ""), (int) timeout);
    }

    /** Where the broker is, for messages: host, port and virtual host. */
    String where() {
        boolean tls = "amqps".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : tls ? 5671 : 5672;
        return url.getHost() + ":" + port + " (virtual host " + virtualHost() + ")";
    }

    String virtualHost() {
        String path = url.getRawPath();
        return path == null || path.length() <= 1 ? "/" : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "amqp " + where() + " as " + user;
    }
}
