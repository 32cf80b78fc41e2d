package dev.ferry.shell;

import org.apache.karaf.shell.api.console.Session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the commands show times, numbers and who ran them. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Seconds from start to end (or to now, while running). */
    static String duration(Instant start, Instant end) {
        return String.format("%.1f s", Duration.between(start, end == null ? Instant.now() : end).toMillis() / 1000.0);
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    static String rate(double perSecond) {
        return String.format("%,.0f/s", perSecond);
    }

    /** The user logged in to this shell session. */
    static String actor(Session session) {
        Object user = session == null ? null : session.get("USER");
        return user == null ? "karaf" : user.toString();
    }
}
