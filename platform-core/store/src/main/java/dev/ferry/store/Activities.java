package dev.ferry.store;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (product != null) {
            where.add("a.productId = :product");
            params.put("product", product);
        }
        if (workspace != null) {
            where.add("a.workspace = :workspace");
            params.put("workspace", workspace);
        }
        if (actor != null) {
            where.add("a.actor = :actor");
            params.put("actor", actor);
        }
        if (since != null) {
            where.add("a.at >= :since");
            params.put("since", since);
        }
        if (until != null) {
            where.add("a.at < :until");
            params.put("until", until);
        }
        TypedQuery<ActivityEntity> query = em.createQuery("select a from ActivityEntity a"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by a.id desc", ActivityEntity.class)
                .setMaxResults(limit);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}
