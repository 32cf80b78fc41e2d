package dev.ferry.store;

import javax.persistence.EntityManager;
import java.util.List;

/** Queries over {@link WorkspaceEntity}. */
public final class Workspaces {

    private Workspaces() {
    }

    /** Every workspace, by name. */
    public static List<WorkspaceEntity> all(EntityManager em) {
        return em.createQuery("select w from WorkspaceEntity w order by w.name", WorkspaceEntity.class).getResultList();
    }
}
