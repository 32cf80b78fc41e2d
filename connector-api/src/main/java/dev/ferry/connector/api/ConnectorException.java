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
    private final java.time.Duration retryAfter;

    /**
     * @param code      short machine-readable reason, e.g. {@code connection_refused} or an SQLState
     * @param message   what went wrong, in a user's words
     * @param retriable whether trying again later may succeed (the platform keeps the work for the next run)
     */
    public ConnectorException(String code, String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retriable = retriable;
        this.retryAfter = null;
    }

    /**
     * The system asked to be left alone for a while (an HTTP 429 or 503 with {@code Retry-After}, a broker's
     * back-pressure): retriable, and the platform tries the work again no sooner than {@code retryAfter} from now
     * (later when its own backoff says so).
     *
     * @param retryAfter how long to wait, at least zero
     * @since connector API 1.1
     */
    public ConnectorException(String code, String message, java.time.Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retriable = true;
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or more, was " + retryAfter);
        }
        this.retryAfter = retryAfter;
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

    /**
     * How long the system asked to be left alone, when it said; the platform's backoff applies otherwise.
     *
     * @since connector API 1.1
     */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }
}
