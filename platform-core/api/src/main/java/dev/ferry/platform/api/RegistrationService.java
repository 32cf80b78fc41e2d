package dev.ferry.platform.api;

import java.util.List;
import java.util.Map;

/** Registrations of products to workspaces. */
public interface RegistrationService {

    /**
     * Registers a product to a workspace: checks every config value against the product (unknown, missing,
     * malformed) and the connectors' settings, stores the registration and starts its jobs.
     *
     * @throws InvalidInputException naming every field that is wrong; nothing is stored
     * @throws ConflictException     when the product is already registered to the workspace
     */
    Registration register(NewRegistration request, String actor);

    /**
     * Changes a registration in place (its product version, configs, feature states and overrides) or, with nothing
     * to change, syncs it to its version's definition as it is now. The cache, cursor and queued actions of every
     * service whose data object's definition did not change are kept; the others are reset, as the plan says.
     *
     * @param preview when true, only works out the plan: nothing is changed
     * @throws InvalidInputException naming every field that is wrong (an unknown version, feature, config or job, a
     *                               required config without a value, a downgrade that resets caches without
     *                               {@code reset}); nothing is changed
     * @throws ConflictException     when a run did not stop in time, or the new definition could not start (the
     *                               registration then runs as before)
     */
    RegistrationPlan update(String id, RegistrationUpdate update, boolean preview, String actor);

    /** All registrations, or those of one workspace when {@code workspace} is not null. */
    List<Registration> list(String workspace);

    /** @throws NotFoundException */
    Registration get(String id);

    /**
     * The one entry point per product: its registrations in every workspace with their version, sync state, feature
     * states, health, last run and failures in the last 24 hours, filtered, sorted and paged.
     *
     * @throws NotFoundException     when no version of the product is installed and nothing is registered of it
     * @throws InvalidInputException naming a filter, sort or page value that is wrong
     */
    RegistrationPage ofProduct(String product, RegistrationQuery query);

    /**
     * Stops the registration's runs (waiting up to 30 s for them to end) and jobs and removes it with its cache, cursors
     * and queued actions; its run history and activity stay.
     *
     * @throws ConflictException when a run did not stop in time
     */
    void remove(String id, String actor);

    /**
     * Tests every service's connection to its external system, with the registration's settings.
     *
     * @throws ConflictException when the registration cannot run now (its product or a connector is missing)
     */
    List<ConnectionCheck> testConnections(String registration);

    /**
     * Reads up to {@code limit} records of a service's data object straight from the external system, for
     * support: nothing is cached or changed.
     */
    List<Map<String, Object>> peek(String registration, String service, int limit);
}
