package dev.ferry.engine.descriptor;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads interval schedules such as {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}. */
public final class Schedules {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private Schedules() {
    }

    /** @throws IllegalArgumentException with the reason */
    public static Duration interval(String every) {
        Matcher m = INTERVAL.matcher(every == null ? "" : every.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + every + "' is not an interval such as 10s, 5m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.toSeconds() < 1) {
            throw new IllegalArgumentException("'" + every + "' is shorter than one second");
        }
        return d;
    }
}
