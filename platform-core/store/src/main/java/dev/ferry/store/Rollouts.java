package dev.ferry.store;

import javax.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Queries over {@link RolloutEntity} and {@link RolloutTargetEntity}. */
public final class Rollouts {

    private Rollouts() {
    }

    /** A registration's health as the store has it: {@code health} is {@code failing} or null. */
    public record Health(String registration, String health, Instant failingSince, String failingReason) {
    }

    /** The health of these registrations, in one query (those no longer there are left out). */
    public static List<Health> health(EntityManager em, Collection<String> registrations) {
        return em.createQuery("select r.id, r.health, r.failingSince, r.failingReason from RegistrationEntity r"
                        + " where r.id in :r", Object[].class).setParameter("r", registrations).getResultList().stream()
                .map(row -> new Health((String) row[0], (String) row[1], (Instant) row[2], (String) row[3])).toList();
    }

    /** Rollouts in one of these states. */
    public static List<RolloutEntity> underWay(EntityManager em, Collection<String> states) {
        return em.createQuery("select r from RolloutEntity r where r.state in :s order by r.id", RolloutEntity.class)
                .setParameter("s", states).getResultList();
    }

    /** A rollout's registrations, in the order it moves them. */
    public static List<RolloutTargetEntity> targets(EntityManager em, long rollout) {
        return em.createQuery("select t from RolloutTargetEntity t where t.rolloutId = :r order by t.id", RolloutTargetEntity.class)
                .setParameter("r", rollout).getResultList();
    }

    /** The newest rollouts, of one product when it is not null. */
    public static List<RolloutEntity> latest(EntityManager em, String product, int limit) {
        return (product == null
                ? em.createQuery("select r from RolloutEntity r order by r.id desc", RolloutEntity.class)
                : em.createQuery("select r from RolloutEntity r where r.productId = :p order by r.id desc", RolloutEntity.class)
                        .setParameter("p", product))
                .setMaxResults(limit).getResultList();
    }

    /**
     * {failed, all} runs of these registrations that started in [from, to) and ended; a run is failed when it failed
     * or was partial (records rejected or actions failed).
     */
    public static long[] runs(EntityManager em, Collection<String> registrations, Instant from, Instant to) {
        long failed = 0;
        long all = 0;
        for (Object[] row : em.createQuery("select x.status, count(x) from JobRunEntity x where x.registrationId in :r"
                        + " and x.startedAt >= :from and x.startedAt < :to and x.finishedAt is not null group by x.status", Object[].class)
                .setParameter("r", registrations).setParameter("from", from).setParameter("to", to).getResultList()) {
            long n = (Long) row[1];
            if ("INTERRUPTED".equals(row[0])) {
                continue; // stopped by the platform or the rollout itself, not a failure of the version
            }
            all += n;
            if ("FAILED".equals(row[0]) || "PARTIAL".equals(row[0])) {
                failed += n;
            }
        }
        return new long[]{failed, all};
    }
}
