package dev.ferry.store;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The latest runs first, of one registration, workspace and job where they are given (null: any). */
    public static List<JobRunEntity> latest(EntityManager em, String registration, String workspace, String job, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (registration != null) {
            where.add("r.registrationId = :registration");
            params.put("registration", registration);
        }
        if (workspace != null) {
            where.add("r.workspace = :workspace");
            params.put("workspace", workspace);
        }
        if (job != null) {
            where.add("r.jobId = :job");
            params.put("job", job);
        }
        TypedQuery<JobRunEntity> query = em.createQuery("select r from JobRunEntity r"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by r.id desc", JobRunEntity.class)
                .setMaxResults(limit);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}
