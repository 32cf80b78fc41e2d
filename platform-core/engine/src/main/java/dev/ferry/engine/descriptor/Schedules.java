package dev.ferry.engine.descriptor;

import org.quartz.CronExpression;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads interval schedules such as {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}, and checks schedules given as
 * either an interval or a Quartz cron expression.
 */
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

    /**
     * What is wrong with a schedule of exactly one of an interval and a cron expression (with its time zone, default
     * UTC): {@code ""} (neither or both), {@code cron}, {@code every} or {@code timeZone} to the reason; empty when
     * nothing is.
     */
    public static Map<String, String> problems(String every, String cron, String zone) {
        Map<String, String> problems = new LinkedHashMap<>();
        if ((cron != null) == (every != null)) {
            problems.put("", "give exactly one of cron or every");
        } else if (cron != null && !CronExpression.isValidExpression(cron)) {
            problems.put("cron", "'" + cron + "' is not a Quartz cron expression");
        } else if (every != null) {
            try {
                interval(every);
            } catch (IllegalArgumentException e) {
                problems.put("every", e.getMessage());
            }
        }
        // Quartz reads zones with java.util.TimeZone, which turns anything it does not know into GMT
        if (zone != null && !TimeZone.getTimeZone(zone).getID().equals(zone)) {
            problems.put("timeZone", "'" + zone + "' is not a time zone id such as UTC or Europe/Amsterdam");
        }
        return problems;
    }
}
