package dev.ferry.store;

import javax.persistence.EntityManager;
import java.util.List;

/** Queries over {@link RegistrationEntity}: one row per product registered to a workspace. */
public final class Registrations {

    private Registrations() {
    }

    public static List<String> ids(EntityManager em) {
        return em.createQuery("select r.id from RegistrationEntity r", String.class).getResultList();
    }

    /** The registrations of one workspace, or of all when {@code workspace} is null, by id. */
    public static List<RegistrationEntity> list(EntityManager em, String workspace) {
        return workspace == null
                ? em.createQuery("select r from RegistrationEntity r order by r.id", RegistrationEntity.class).getResultList()
                : em.createQuery("select r from RegistrationEntity r where r.workspace = :w order by r.id", RegistrationEntity.class)
                        .setParameter("w", workspace).getResultList();
    }

    /** The ids of a product's registrations, in order. */
    /** The product versions registrations are on, each once: {product id, version}. */
    public static List<Object[]> productVersions(EntityManager em) {
        return em.createQuery("select distinct r.productId, r.productVersion from RegistrationEntity r", Object[].class)
                .getResultList();
    }

    public static List<String> idsOfProduct(EntityManager em, String product) {
        return em.createQuery("select r.id from RegistrationEntity r where r.productId = :p order by r.id", String.class)
                .setParameter("p", product).getResultList();
    }

    /** A product's registrations, with their configs and feature states in the same query. */
    public static List<RegistrationEntity> ofProduct(EntityManager em, String product) {
        return em.createQuery("select distinct r from RegistrationEntity r left join fetch r.config left join fetch r.features"
                + " where r.productId = :p", RegistrationEntity.class).setParameter("p", product).getResultList();
    }

    /** The last run of each of a product's registrations, by registration. */
    public static java.util.Map<String, JobRunEntity> lastRuns(EntityManager em, String product) {
        // two queries rather than "id in (select max …)", which Derby works out again for every run
        List<Long> ids = em.createQuery("select max(x.id) from JobRunEntity x where x.productId = :p"
                + " group by x.registrationId", Long.class).setParameter("p", product).getResultList();
        java.util.Map<String, JobRunEntity> last = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            em.createQuery("select r from JobRunEntity r where r.id in :ids", JobRunEntity.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500))).getResultList()
                    .forEach(r -> last.put(r.registrationId, r));
        }
        return last;
    }

    /** Each of a product's registrations' failed runs since a time, by registration (those without none). */
    public static java.util.Map<String, Long> failuresSince(EntityManager em, String product, java.time.Instant since) {
        java.util.Map<String, Long> failures = new java.util.HashMap<>();
        em.createQuery("select x.registrationId, count(x) from JobRunEntity x where x.productId = :p and x.status = 'FAILED'"
                        + " and x.startedAt >= :since group by x.registrationId", Object[].class)
                .setParameter("p", product).setParameter("since", since).getResultList()
                .forEach(row -> failures.put((String) row[0], (Long) row[1]));
        return failures;
    }
}
