package dev.ferry.bench;

/** The bench itself broke (a step errored, a database is down, a run failed): it ends without figures. */
final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
