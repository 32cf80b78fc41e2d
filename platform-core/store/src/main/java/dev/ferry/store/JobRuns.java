package dev.ferry.store;

import javax.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** Queries over {@link JobRunEntity} and the rejected records kept with a run ({@link RunIssueEntity}). */
public final class JobRuns {

    private JobRuns() {
    }

    /**
     * Ends every run still marked {@code running}: they were cut short by a stop of the platform.
     *
     * @return how many there were
     */
    public static int endRunning(EntityManager em, String running, String status, String message, Instant now) {
        return em.createQuery("update JobRunEntity r set r.status = :status, r.finishedAt = :now, r.message = :msg"
                        + " where r.status = :running")
                .setParameter("status", status).setParameter("now", now).setParameter("msg", message)
                .setParameter("running", running).executeUpdate();
    }

    /** The rejected records kept with a run, in the order they were met. */
    public static List<RunIssueEntity> issues(EntityManager em, long runId) {
        return em.createQuery("select i from RunIssueEntity i where i.runId = :run order by i.id", RunIssueEntity.class)
                .setParameter("run", runId).getResultList();
    }

    /**
     * The latest runs first, of one registration, workspace and job where they are given (null: any), older than the
     * run {@code before} when it is given.
     */
    public static List<JobRunEntity> latest(EntityManager em, String registration, String workspace, String job, int limit,
                                            Long before) {
        return new Where().and("r.registrationId = :registration", "registration", registration)
                .and("r.workspace = :workspace", "workspace", workspace)
                .and("r.jobId = :job", "job", job)
                .and("r.id < :before", "before", before)
                .list(em, "select r from JobRunEntity r", "order by r.id desc", JobRunEntity.class, limit);
    }
}
