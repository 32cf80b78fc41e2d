package dev.ferry.engine.service;

import dev.ferry.engine.activity.ActivityChain;
import dev.ferry.engine.activity.ActivityLogWriter;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.platform.api.ActivityCheck;
import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityPruning;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                q.limit(), q.before())).stream().map(a -> new ActivityEntry(a.id, a.at, a.actor, a.action, a.productId, a.workspace,
                a.registrationId, a.summary, a.before, a.after)).collect(Collectors.toList());
    }

    /** The action of the entry that says where the log starts after old entries were removed. */
    static final String PRUNED = "activity.pruned";

    @Override
    public ActivityPruning prune(Instant before, String actor) {
        if (before == null) {
            throw new InvalidInputException("before", "is required: an instant, or a duration ago such as P90D");
        }
        ActivityPruning pruning = store.inTransaction(em -> {
            ActivityLogWriter.lock(em);
            Long last = Activities.lastId(em);
            if (last == null) {
                return new ActivityPruning(0, before, null);
            }
            Long first = Activities.firstAtOrAfter(em, before);
            long keep = first == null ? last : Math.min(first, last);
            ActivityEntity kept = em.find(ActivityEntity.class, keep);
            int removed = Activities.deleteBefore(em, keep);
            if (removed > 0) {
                ActivityEntity note = new ActivityEntity();
                note.at = Instant.now();
                note.actor = actor;
                note.action = PRUNED;
                note.summary = removed + " entries written before " + before + " removed; the log now starts at entry " + keep;
                Map<String, Object> anchor = new LinkedHashMap<>();
                anchor.put("removed", removed);
                anchor.put("before", before.toString());
                anchor.put("firstKept", keep);
                anchor.put("firstKeptPrevHash", kept.prevHash);
                note.after = RecordJson.write(anchor);
                ActivityLogWriter.append(em, note);
            }
            return new ActivityPruning(removed, before, keep);
        });
        if (pruning.removed() > 0) {
            LOG.info("Removed {} activity entries written before {} ({}); the log now starts at entry {}",
                    pruning.removed(), before, actor, pruning.firstKept());
        }
        return pruning;
    }

    @Override
    public ActivityCheck verify() {
        long after = 0;
        long checked = 0;
        long unchained = 0;
        String previous = null;
        long previousId = 0;
        ActivityCheck start = brokenStart();
        if (start != null) {
            return start;
        }
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

    /**
     * Whether the log starts where it may: at its first entry ever (no hash before it), or where the latest removal
     * of old entries left it. Null when it does; else the break at its first chained entry.
     */
    private ActivityCheck brokenStart() {
        ActivityEntity start = store.inTransaction(em -> {
            ActivityEntity first = Activities.firstChained(em);
            if (first == null || first.prevHash == null) {
                return null;
            }
            ActivityEntity pruned = Activities.latest(em, PRUNED);
            if (pruned != null && pruned.after != null) {
                Map<String, Object> anchor = RecordJson.read(pruned.after);
                if (String.valueOf(first.id).equals(String.valueOf(anchor.get("firstKept")))
                        && first.prevHash.equals(anchor.get("firstKeptPrevHash"))) {
                    return null;
                }
            }
            return first;
        });
        return start == null ? null : broken(0, 0, start.id, "the log starts at entry " + start.id + ", but the entry"
                + " before it is missing and no removal of old entries (retention, ferry:activity-prune) says the log"
                + " starts there: entries before it were deleted from the store");
    }

    private static ActivityCheck broken(long checked, long unchained, Long entry, String problem) {
        LOG.warn("The activity log's hash chain is broken: {}", problem);
        return new ActivityCheck(false, checked, unchained, entry, problem);
    }
}
