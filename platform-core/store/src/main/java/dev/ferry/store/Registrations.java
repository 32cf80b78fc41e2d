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
}
