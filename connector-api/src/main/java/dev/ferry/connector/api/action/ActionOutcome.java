package dev.ferry.connector.api.action;

import dev.ferry.connector.api.data.DataRecord;

import java.util.List;
import java.util.Objects;

/**
 * How one action ended.
 *
 * @param actionId  the action's id
 * @param succeeded whether it did what it was asked
 * @param output    on success: the record as the system now holds it (for get), or null
 * @param code      on failure: a short machine-readable reason (e.g. {@code not_found} or an SQLState)
 * @param errors    on failure: what went wrong, in a user's words
 */
public record ActionOutcome(long actionId, boolean succeeded, DataRecord output, String code, List<String> errors) {

    public ActionOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (!succeeded) {
            Objects.requireNonNull(code, "a failed outcome needs a code");
        }
    }

    public static ActionOutcome succeeded(long actionId, DataRecord output) {
        return new ActionOutcome(actionId, true, output, null, List.of());
    }

    public static ActionOutcome failed(long actionId, String code, String... errors) {
        return new ActionOutcome(actionId, false, null, code, List.of(errors));
    }
}
