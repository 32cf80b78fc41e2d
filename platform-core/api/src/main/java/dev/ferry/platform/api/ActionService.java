package dev.ferry.platform.api;

import java.util.List;

/** A registration's actions that need attention: list them, and put failed or dead ones back in the queue. */
public interface ActionService {

    /**
     * @throws NotFoundException     when the registration does not exist
     * @throws InvalidInputException naming a bad status or limit
     */
    List<QueuedAction> list(String registration, ActionQuery query);

    /**
     * Puts actions back in the queue with a fresh set of retries: the ones with these ids, or, when {@code ids} is
     * empty, every failed, retry or dead action matching the filter. They run at the action processor's next run.
     *
     * @return how many were put back
     * @throws NotFoundException     when the registration, or one of the ids, does not exist
     * @throws InvalidInputException naming a bad status
     */
    int retry(String registration, List<Long> ids, ActionQuery filter, String actor);
}
