package dev.ferry.engine.service;

import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.store.Activities;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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
        return store.inTransaction(em -> Activities.latest(em, q.product(), q.workspace(), q.actor(), q.since(), q.until(),
                q.limit())).stream().map(a -> new ActivityEntry(a.id, a.at, a.actor, a.action, a.productId, a.workspace,
                a.registrationId, a.summary, a.before, a.after)).collect(Collectors.toList());
    }
}
