package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;

/**
 * One run of a job of a registration, with live counts while it runs.
 *
 * @param trigger       {@code schedule} or {@code manual (<actor>)}
 * @param scheduledAt   when the schedule meant a scheduled run to start (null for runs by hand)
 * @param step          the step running now (or the last one)
 * @param rowsRead      records read by cache writers
 * @param rowsPerSecond records read and actions done per second of run time so far
 * @param issues        the first rejected records (at most 100 are kept with details)
 */
public record JobRun(long id, String registration, String workspace, String product, String job, String trigger,
                     RunStatus status, Instant scheduledAt, Instant startedAt, Instant finishedAt, String step, long rowsRead,
                     long rowsRejected, long inserted, long updated, long deleted, long unchanged,
                     long actionsSucceeded, long actionsFailed, double rowsPerSecond, String message,
                     List<RunIssue> issues) {
}
