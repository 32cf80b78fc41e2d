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
}
