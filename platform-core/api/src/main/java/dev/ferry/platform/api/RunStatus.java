package dev.ferry.platform.api;

/** Where a job run stands. */
public enum RunStatus {
    RUNNING,
    /** Every step finished and every record and action went through. */
    SUCCEEDED,
    /** Every step finished, but some records were rejected or some actions failed. */
    PARTIAL,
    /** A step could not finish; the message names it. */
    FAILED,
    /** The platform stopped (or was killed) while the run was going; found and closed at the next start. */
    INTERRUPTED,
    /**
     * Stopped on request at a page: cancelled by hand, or its registration was changed, paused or removed; what it
     * stored stays and the next run goes on from there. Not a failure: it counts neither toward a registration failing
     * nor in a rollout's failure rate.
     */
    CANCELLED
}
