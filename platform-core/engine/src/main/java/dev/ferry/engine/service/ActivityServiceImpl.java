package dev.ferry.engine.service;

import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.store.ActivityEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

@Component(service = ActivityService.class)
public class ActivityServiceImpl implements ActivityService {

    static final int MAX_LIMIT = 10_000;

    @Reference
    private Store store;

    @Override
    public List<ActivityEntry> query(ActivityQuery q) {
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", q.limit() + " is not between 1 and " + MAX_LIMIT);
        }
        List<String> where = new ArrayList<>();
        if (q.product() != null) {
            where.add("a.productId = :product");
        }
        if (q.workspace() != null) {
            where.add("a.workspace = :workspace");
        }
        if (q.actor() != null) {
            where.add("a.actor = :actor");
        }
        if (q.since() != null) {
            where.add("a.at >= :since");
        }
        if (q.until() != null) {
            where.add("a.at < :until");
        }
        String jpql = "select a from ActivityEntity a" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.id desc";
        return store.inTransaction(em -> {
            TypedQuery<ActivityEntity> query = em.createQuery(jpql, ActivityEntity.class).setMaxResults(q.limit());
            if (q.product() != null) {
                query.setParameter("product", q.product());
            }
            if (q.workspace() != null) {
                query.setParameter("workspace", q.workspace());
            }
            if (q.actor() != null) {
                query.setParameter("actor", q.actor());
            }
            if (q.since() != null) {
                query.setParameter("since", q.since());
            }
            if (q.until() != null) {
                query.setParameter("until", q.until());
            }
            return query.getResultStream().map(a -> new ActivityEntry(a.id, a.at, a.actor, a.action, a.productId,
                    a.workspace, a.registrationId, a.summary, a.before, a.after)).collect(Collectors.toList());
        });
    }
}
