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
     * {@code until} exclusive.
     */
    public static List<ActivityEntity> latest(EntityManager em, String product, String workspace, String actor,
                                              Instant since, Instant until, int limit) {
        return new Where().and("a.productId = :product", "product", product)
                .and("a.workspace = :workspace", "workspace", workspace)
                .and("a.actor = :actor", "actor", actor)
                .and("a.at >= :since", "since", since)
                .and("a.at < :until", "until", until)
                .list(em, "select a from ActivityEntity a", "order by a.id desc", ActivityEntity.class, limit);
    }
}
