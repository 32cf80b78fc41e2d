package dev.ferry.platform.api;

import java.util.List;

/**
 * What an update or sync does to a registration, worked out before anything is changed: the preview, and once
 * applied, what was done.
 *
 * @param fromVersion    the product version the registration runs
 * @param toVersion      the product version it runs afterwards
 * @param changes        every difference, in the order configs, features, overrides, services, flows, jobs
 * @param resets         the services whose cache, read cursor and queued actions are dropped (their data object's
 *                       definition changed), each with why
 * @param missingConfigs required configs of the new version that have neither a value nor a default: the update is
 *                       refused until they are given
 * @param applied        whether the change was made (false for a preview)
 * @param definition     the content hash of the definition the registration runs afterwards
 */
public record RegistrationPlan(String registration, String workspace, String product, String fromVersion,
                               String toVersion, List<Change> changes, List<String> resets,
                               List<String> missingConfigs, boolean applied, String definition) {

    public RegistrationPlan {
        changes = List.copyOf(changes);
        resets = List.copyOf(resets);
        missingConfigs = List.copyOf(missingConfigs);
    }

    /** Whether it changes nothing. */
    public boolean empty() {
        return changes.isEmpty() && resets.isEmpty() && fromVersion.equals(toVersion);
    }

    /**
     * One difference.
     *
     * @param kind   version, config, feature, override, service, flow, job or schedule
     * @param name   what changes (a config's name, a flow's id …)
     * @param change added, removed or changed
     * @param before the value before (secrets masked), or null
     * @param after  the value after (secrets masked), or null
     */
    public record Change(String kind, String name, String change, String before, String after) {
        @Override
        public String toString() {
            return kind + " " + name + " " + change + (before == null && after == null ? ""
                    : ": " + (before == null ? "" : before) + (before != null && after != null ? " -> " : "")
                    + (after == null ? "" : after));
        }
    }
}
