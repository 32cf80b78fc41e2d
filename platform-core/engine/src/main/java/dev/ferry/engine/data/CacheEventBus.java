package dev.ferry.engine.data;

import dev.ferry.engine.run.RunProgress;

import java.util.List;

/** Passes a service's cache events to the flows that listen to it, on the caller's thread. */
public interface CacheEventBus {

    /**
     * @param pending where the flows put the actions they make; stored with the page's cache changes
     * @return how many flow routes listen to this service (whether or not these events were of their kinds)
     * @throws RuntimeException when a flow failed; the page is then not stored, so no change is lost
     */
    int publish(String registration, String service, List<CacheEvent> events, RunProgress run, PendingActions pending);
}
