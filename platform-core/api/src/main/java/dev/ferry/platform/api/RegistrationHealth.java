package dev.ferry.platform.api;

import java.time.Instant;

/**
 * Whether a registration's runs go through.
 *
 * @param state    {@code ok} or {@code failing} (its runs keep failing, or its connection test failed when it was
 *                 registered with the test skipped)
 * @param since    when the failures began
 * @param reason   the last failure's reason
 * @param failures failed runs in a row
 */
public record RegistrationHealth(String state, Instant since, String reason, int failures) {
    public static final RegistrationHealth OK = new RegistrationHealth("ok", null, null, 0);

    public boolean failing() {
        return "failing".equals(state);
    }
}
