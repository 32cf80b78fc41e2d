package dev.ferry.engine.data;

import dev.ferry.engine.run.RunProgress;

import java.util.List;

/**
 * Passes records to the flows that listen to them, on the caller's thread: a service's cache events (published under
 * the service's id), a flow's ended actions (under {@link #closeOuts}) and a flow's records on demand (under
 * {@link #onDemand}).
 */
public interface CacheEventBus {

    /** What the actions a flow queued are published under once they have ended: its close-out flows listen. */
    static String closeOuts(String flow) {
        return "outcomes of " + flow; // service ids are slugs: no space
    }

    /** What a flow on demand's records are published under: that flow alone listens. */
    static String onDemand(String flow) {
        return "demand " + flow;
    }

    /**
     * @param pending where the flows put the actions they make; stored with the page's cache changes
     * @param service the service whose cache events these are, or {@link #closeOuts} or {@link #onDemand}
     * @return how many flow routes listen to this service (whether or not these events were of their kinds)
     * @throws RuntimeException when a flow failed; the page is then not stored, so no change is lost
     */
    int publish(String registration, String service, List<CacheEvent> events, RunProgress run, PendingActions pending);
}
