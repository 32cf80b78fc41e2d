package dev.ferry.store;

import javax.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** Queries over the activity log ({@link ActivityEntity}). */
public final class Activities {

    private Activities() {
    }

    /**
     * The latest entries first, narrowed by each condition that is given (null: any); {@code since} is inclusive,
     * {@code until} exclusive; {@code before} an entry's id, for the page after the one that ended there.
     */
    public static List<ActivityEntity> latest(EntityManager em, String product, String workspace, String actor,
                                              Instant since, Instant until, int limit, Long before) {
        return new Where().and("a.productId = :product", "product", product)
                .and("a.id < :before", "before", before)
                .and("a.workspace = :workspace", "workspace", workspace)
                .and("a.actor = :actor", "actor", actor)
                .and("a.at >= :since", "since", since)
                .and("a.at < :until", "until", until)
                .list(em, "select a from ActivityEntity a", "order by a.id desc", ActivityEntity.class, limit);
    }

    /** The newest chained entry's hash, or null when none is chained yet. */
    public static String lastHash(EntityManager em) {
        return em.createQuery("select a.entryHash from ActivityEntity a where a.entryHash is not null order by a.id desc",
                String.class).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** Entries after an id, oldest first, at most {@code limit}: the chain in pages. */
    public static List<ActivityEntity> after(EntityManager em, long id, int limit) {
        return em.createQuery("select a from ActivityEntity a where a.id > :id order by a.id", ActivityEntity.class)
                .setParameter("id", id).setMaxResults(limit).getResultList();
    }

    /** The id of the first entry written at or after a moment, or null when there is none. */
    public static Long firstAtOrAfter(EntityManager em, Instant at) {
        return em.createQuery("select min(a.id) from ActivityEntity a where a.at >= :at", Long.class)
                .setParameter("at", at).getSingleResult();
    }

    /** The newest entry's id, or null when the log is empty. */
    public static Long lastId(EntityManager em) {
        return em.createQuery("select max(a.id) from ActivityEntity a", Long.class).getSingleResult();
    }

    /** The oldest entry with a hash, or null. */
    public static ActivityEntity firstChained(EntityManager em) {
        return em.createQuery("select a from ActivityEntity a where a.entryHash is not null order by a.id", ActivityEntity.class)
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** Deletes the entries before an id; how many. */
    public static int deleteBefore(EntityManager em, long id) {
        return em.createQuery("delete from ActivityEntity a where a.id < :id").setParameter("id", id).executeUpdate();
    }

    /** The newest entry of an action, or null. */
    public static ActivityEntity latest(EntityManager em, String action) {
        return em.createQuery("select a from ActivityEntity a where a.action = :action order by a.id desc", ActivityEntity.class)
                .setParameter("action", action).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }
}
