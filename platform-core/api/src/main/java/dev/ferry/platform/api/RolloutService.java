package dev.ferry.platform.api;

import java.util.List;

/** Moving many registrations of a product to a version: a preview, then waves with a canary that can halt it. */
public interface RolloutService {

    /**
     * What moving the registrations would do, per registration; nothing is changed.
     *
     * @throws InvalidInputException naming the product, version, registrations or settings that are wrong
     */
    RolloutPreview preview(RolloutRequest request);

    /**
     * Starts a rollout: checks everything first (nothing is moved when one registration cannot be), then moves the
     * canary, watches it and moves the rest, or halts and moves the canary back, on its own; every step goes to the
     * activity log.
     *
     * @throws InvalidInputException naming what is wrong (a version that is not published, an unknown registration,
     *                               a registration that cannot move and why)
     * @throws ConflictException     when another rollout of the product is under way
     */
    Rollout start(RolloutRequest request, String actor);

    /** @throws NotFoundException */
    Rollout get(long id);

    /** Rollouts, newest first; of one product when {@code product} is not null. */
    List<Rollout> list(String product, int limit);
}
