package dev.ferry.store;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import java.util.List;

/** Queries over {@link ActionEntity}: the actions of a registration that need attention. */
public final class ActionQueries {

    private ActionQueries() {
    }

    /** Oldest first; null filters do not filter. */
    public static List<ActionEntity> list(EntityManager em, String registration, String service, String status, int limit) {
        TypedQuery<ActionEntity> q = em.createQuery("select a from ActionEntity a where a.registrationId = :r"
                        + (service == null ? "" : " and a.serviceId = :s") + (status == null ? "" : " and a.status = :st")
                        + " order by a.id", ActionEntity.class)
                .setParameter("r", registration).setMaxResults(limit);
        if (service != null) {
            q.setParameter("s", service);
        }
        if (status != null) {
            q.setParameter("st", status);
        }
        return q.getResultList();
    }

    /** Puts actions back (status PENDING, attempts from zero); with no ids, every one matching the filter. */
    public static int putBack(EntityManager em, String registration, List<Long> ids, String service, List<String> statuses) {
        String jpql = "update ActionEntity a set a.status = :pending, a.attempts = 0, a.notBefore = null"
                + " where a.registrationId = :r and a.status in :statuses"
                + (ids.isEmpty() ? "" : " and a.id in :ids") + (service == null ? "" : " and a.serviceId = :s");
        var q = em.createQuery(jpql).setParameter("pending", ActionEntity.PENDING).setParameter("r", registration)
                .setParameter("statuses", statuses);
        if (!ids.isEmpty()) {
            q.setParameter("ids", ids);
        }
        if (service != null) {
            q.setParameter("s", service);
        }
        return q.executeUpdate();
    }

    /** The ids among these that are not actions of the registration. */
    public static List<Long> unknown(EntityManager em, String registration, List<Long> ids) {
        List<Long> known = em.createQuery("select a.id from ActionEntity a where a.registrationId = :r and a.id in :ids",
                Long.class).setParameter("r", registration).setParameter("ids", ids).getResultList();
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }
}
