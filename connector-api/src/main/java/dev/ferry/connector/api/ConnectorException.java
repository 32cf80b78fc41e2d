package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connector could not do what it was asked as a whole (the system is unreachable, credentials were refused,
 * the table does not exist). Problems with single records are reported per record instead.
 */
@ProviderType
public class ConnectorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retriable;

    /**
     * @param code      short machine-readable reason, e.g. {@code connection_refused} or an SQLState
     * @param message   what went wrong, in a user's words
     * @param retriable whether trying again later may succeed (the platform keeps the work for the next run)
     */
    public ConnectorException(String code, String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retriable = retriable;
    }

    public ConnectorException(String code, String message, boolean retriable) {
        this(code, message, retriable, null);
    }

    public String code() {
        return code;
    }

    public boolean retriable() {
        return retriable;
    }
}
