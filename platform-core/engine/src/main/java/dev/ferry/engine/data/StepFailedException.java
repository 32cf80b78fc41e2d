package dev.ferry.engine.data;

/** A job step that could not finish; the message names the registration, the workspace and the step. */
public class StepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepFailedException(String registration, String workspace, String step, String reason, Throwable cause) {
        super("registration " + registration + " (workspace " + workspace + "), step " + step + ": " + reason, cause);
    }
}
