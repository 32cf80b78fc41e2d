package dev.ferry.platform.api;

/** An external system behind a service could not be reached or read; the message names it and why. */
public class ExternalSystemException extends FerryException {
    private static final long serialVersionUID = 1L;

    public ExternalSystemException(String message, Throwable cause) {
        super(message, cause);
    }
}
