package dev.ferry.engine.service;

import dev.ferry.engine.activity.ActivityChain;
import dev.ferry.platform.api.ActivityCheck;
import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.store.Activities;
import dev.ferry.store.ActivityEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

@Component(service = ActivityService.class)
public class ActivityServiceImpl implements ActivityService {

    static final int MAX_LIMIT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ActivityServiceImpl.class);

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

    @Override
    public ActivityCheck verify() {
        long after = 0;
        long checked = 0;
        long unchained = 0;
        String previous = null;
        long previousId = 0;
        while (true) {
            long from = after;
            List<ActivityEntity> page = store.inTransaction(em -> Activities.after(em, from, 1000));
            for (ActivityEntity a : page) {
                if (a.entryHash == null) {
                    if (previous != null) {
                        return broken(checked, unchained, a.id, "entry " + a.id + " has no hash: it was added to the"
                                + " store outside Ferry, or its hash was removed");
                    }
                    unchained++;
                    continue;
                }
                if (previous != null && !previous.equals(a.prevHash)) {
                    return broken(checked, unchained, a.id, "the entry before entry " + a.id + " is not entry "
                            + previousId + " as it was written: an entry between them was deleted, or entry " + previousId
                            + "'s hash was changed");
                }
                if (!ActivityChain.hash(a).equals(a.entryHash)) {
                    return broken(checked, unchained, a.id, "entry " + a.id + " (" + a.action + " at " + a.at
                            + ") was changed after it was written");
                }
                previous = a.entryHash;
                previousId = a.id;
                checked++;
            }
            if (page.size() < 1000) {
                return new ActivityCheck(true, checked, unchained, null, null);
            }
            after = page.get(page.size() - 1).id;
        }
    }

    private static ActivityCheck broken(long checked, long unchained, long entry, String problem) {
        LOG.warn("The activity log's hash chain is broken: {}", problem);
        return new ActivityCheck(false, checked, unchained, entry, problem);
    }
}
