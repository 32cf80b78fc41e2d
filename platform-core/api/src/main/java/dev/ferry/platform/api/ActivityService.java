package dev.ferry.platform.api;

import java.util.List;

/** The activity log: who changed what, when, before and after. */
public interface ActivityService {
    List<ActivityEntry> query(ActivityQuery query);
}
