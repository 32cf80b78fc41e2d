package dev.ferry.store;

import javax.persistence.EntityManager;
import java.util.List;

/** Queries over {@link FlowCopyEntity}. */
public final class FlowCopies {

    private FlowCopies() {
    }

    /** A workspace's copies, by product and flow. */
    public static List<FlowCopyEntity> of(EntityManager em, String workspace) {
        return em.createQuery("select c from FlowCopyEntity c where c.workspace = :w order by c.productId, c.flowId",
                FlowCopyEntity.class).setParameter("w", workspace).getResultList();
    }

    /** A workspace's copies of one product's templates. */
    public static List<FlowCopyEntity> of(EntityManager em, String workspace, String product) {
        return em.createQuery("select c from FlowCopyEntity c where c.workspace = :w and c.productId = :p order by c.flowId",
                FlowCopyEntity.class).setParameter("w", workspace).setParameter("p", product).getResultList();
    }
}
