package dev.ferry.platform.api;

/** The request clashes with the current state (a name taken, a job already running). */
public class ConflictException extends FerryException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
