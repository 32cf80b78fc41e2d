package dev.ferry.platform.api;

/** A request the platform refused; the message says why in a user's words and nothing was changed. */
public class FerryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FerryException(String message) {
        super(message);
    }

    public FerryException(String message, Throwable cause) {
        super(message, cause);
    }
}
