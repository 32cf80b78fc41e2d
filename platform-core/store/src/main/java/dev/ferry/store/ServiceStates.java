package dev.ferry.store;

import javax.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Queries over {@link ServiceStateEntity}: one row per service of a registration, whose id scopes its data. */
public final class ServiceStates {

    private ServiceStates() {
    }

    public static Optional<ServiceStateEntity> find(EntityManager em, String registration, String service) {
        return em.createQuery("select s from ServiceStateEntity s where s.registrationId = :r and s.serviceId = :s",
                        ServiceStateEntity.class)
                .setParameter("r", registration).setParameter("s", service).getResultStream().findFirst();
    }

    public static ServiceStateEntity findOrCreate(EntityManager em, String workspace, String registration, String service) {
        return find(em, registration, service).orElseGet(() -> {
            ServiceStateEntity n = new ServiceStateEntity();
            n.workspace = workspace;
            n.registrationId = registration;
            n.serviceId = service;
            n.updatedAt = Instant.now();
            em.persist(n);
            return n;
        });
    }

    /** Drops what a registration's services keep: cursors, caches and queued actions (failed ones stay listed). */
    public static void deleteRegistration(EntityManager em, String registration) {
        for (String table : SCOPED) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE scope_id IN"
                    + " (SELECT id FROM FERRY_SERVICE_STATE WHERE registrationId = ?1)")
                    .setParameter(1, registration).executeUpdate();
        }
        em.createQuery("delete from ServiceStateEntity s where s.registrationId = :r").setParameter("r", registration)
                .executeUpdate();
    }

    /**
     * Drops what one service of a registration keeps (its data object's definition changed): its cursor, cache and
     * queued actions; failed and dead actions stay listed.
     */
    public static void deleteService(EntityManager em, String registration, String service) {
        for (String table : SCOPED) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE scope_id IN"
                    + " (SELECT id FROM FERRY_SERVICE_STATE WHERE registrationId = ?1 AND serviceId = ?2)")
                    .setParameter(1, registration).setParameter(2, service).executeUpdate();
        }
        em.createQuery("delete from ServiceStateEntity s where s.registrationId = :r and s.serviceId = :s")
                .setParameter("r", registration).setParameter("s", service).executeUpdate();
    }

    /** The tables whose rows belong to one service's state ({@code scope_id}). */
    private static final String[] SCOPED = {"FERRY_CACHE_SEGMENT", "FERRY_CACHE_JOURNAL", "FERRY_CACHE_VALUE",
            "FERRY_ACTION_PAGE"};

    /** Moves a service's read cursor, in the caller's JDBC transaction (with the pages read up to it). */
    public static void saveCursor(java.sql.Connection c, long scope, String cursor) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement(
                "UPDATE FERRY_SERVICE_STATE SET read_cursor = ?, updatedAt = ? WHERE id = ?")) {
            s.setString(1, cursor);
            s.setTimestamp(2, java.sql.Timestamp.from(Instant.now()));
            s.setLong(3, scope);
            s.executeUpdate();
        }
    }
}
