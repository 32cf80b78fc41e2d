package dev.ferry.engine.registration;

/** A registration cannot run right now (its product or a connector is not installed); it waits. */
public class NotRunnableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotRunnableException(String reason) {
        super(reason);
    }
}
