package dev.ferry.store;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conditions of a listing query, each only where its value is given (null: any). */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code condition}, which names the parameter {@code :name}, when {@code value} is not null. */
    Where and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** {@code select} with the conditions and {@code orderBy}, at most {@code limit} results. */
    <T> List<T> list(EntityManager em, String select, String orderBy, Class<T> type, int limit) {
        TypedQuery<T> query = em.createQuery(select + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " " + orderBy, type).setMaxResults(limit);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }
}
