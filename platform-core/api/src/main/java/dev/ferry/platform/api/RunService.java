package dev.ferry.platform.api;

import java.util.List;

/** Job runs: start one now, follow progress, read history. */
public interface RunService {

    /**
     * Starts a job of a registration now, in the background.
     *
     * @return the run as it starts (status RUNNING); follow it with {@link #get(long)}
     * @throws NotFoundException  when the registration or job does not exist
     * @throws ConflictException  when that job is running already or the registration cannot run now
     */
    JobRun start(String registration, String job, String actor);

    /** @throws NotFoundException */
    JobRun get(long id);

    /**
     * Asks a running run to stop: it ends {@code cancelled} at its next page, keeping what it stored (the next run goes
     * on from there).
     *
     * @throws NotFoundException when there is no such run
     * @throws ConflictException when it is not running
     */
    JobRun cancel(long id, String actor);

    List<JobRun> list(RunQuery query);
}
