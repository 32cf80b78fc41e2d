package dev.ferry.platform.api;

/**
 * Which of a product's registrations to list, in which order, and which page of them.
 *
 * @param version   only those on this version
 * @param workspace only those of workspaces whose name starts with this
 * @param sync      {@code in} or {@code out} (of sync)
 * @param health    {@code ok}, {@code failing}, {@code paused} or {@code waiting}
 * @param feature   {@code <feature>=<state>}: only those where the feature is in that state
 * @param sort      {@code workspace} (default), {@code version}, {@code last-run} or {@code failures}; a leading
 *                  {@code -} sorts descending
 * @param offset    how many to skip (default 0)
 * @param limit     how many to give, 1 to 1,000 (default 100)
 */
public record RegistrationQuery(String version, String workspace, String sync, String health, String feature,
                                String sort, Integer offset, Integer limit) {

    public static final int MAX_LIMIT = 1000;

    public static RegistrationQuery all() {
        return new RegistrationQuery(null, null, null, null, null, null, null, null);
    }
}
