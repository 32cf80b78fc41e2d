package dev.ferry.connector.api.action;

import dev.ferry.connector.api.data.DataRecord;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Objects;

/**
 * How one action ended.
 *
 * @param actionId   the action's id
 * @param succeeded  whether it did what it was asked
 * @param output     on success: the record as the system now holds it (for get), or null
 * @param code       on failure: a short machine-readable reason (e.g. {@code not_found} or an SQLState)
 * @param errors     on failure: what went wrong, in a user's words
 * @param retryLater on failure: whether the same action may succeed later (a lock, a rate limit, a record another
 *                   action must create first); the platform then tries it again with backoff, up to the service's
 *                   limit, after which the action is dead. Since 1.1.
 */
@ProviderType
public record ActionOutcome(long actionId, boolean succeeded, DataRecord output, String code, List<String> errors,
                            boolean retryLater) {

    public ActionOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (!succeeded) {
            Objects.requireNonNull(code, "a failed outcome needs a code");
        } else if (retryLater) {
            throw new IllegalArgumentException("a succeeded outcome is never retried");
        }
    }

    /** An outcome that is final (the 1.0 form). */
    public ActionOutcome(long actionId, boolean succeeded, DataRecord output, String code, List<String> errors) {
        this(actionId, succeeded, output, code, errors, false);
    }

    public static ActionOutcome succeeded(long actionId, DataRecord output) {
        return new ActionOutcome(actionId, true, output, null, List.of(), false);
    }

    /** A final failure: trying the same action again would fail the same way. */
    public static ActionOutcome failed(long actionId, String code, String... errors) {
        return new ActionOutcome(actionId, false, null, code, List.of(errors), false);
    }

    /** A failure that may pass later: the platform retries the action with backoff. Since 1.1. */
    public static ActionOutcome retryLater(long actionId, String code, String... errors) {
        return new ActionOutcome(actionId, false, null, code, List.of(errors), true);
    }
}
