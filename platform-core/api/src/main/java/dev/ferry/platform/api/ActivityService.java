package dev.ferry.platform.api;

import java.util.List;

/** The activity log: who changed what, when, before and after. */
public interface ActivityService {
    List<ActivityEntry> query(ActivityQuery query);

    /**
     * Checks the hash chain over the log: each entry's hash over its content and the hash of the entry before it, so
     * an entry edited or deleted in the store (other than the newest) is found.
     */
    ActivityCheck verify();

    /**
     * Removes the entries written before a moment (the newest entry always stays), as the retention setting does on
     * its own ({@code etc/dev.ferry.activity.cfg}). The log then starts at the first entry kept, and an entry saying
     * so (with that entry's id and the hash before it) is added to the chain, so {@link #verify()} still finds an
     * entry deleted by other means, the oldest ones included.
     */
    ActivityPruning prune(java.time.Instant before, String actor);
}
