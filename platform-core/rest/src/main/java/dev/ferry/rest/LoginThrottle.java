package dev.ferry.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed REST logins, per user and source address: each is logged (user, source, how many in a row), and after
 * {@value #FREE_FAILURES} in a row that user is refused from that source for a while, even with the right password,
 * twice as long after each further failure (from {@link #FIRST_LOCK} up to {@link #LONGEST_LOCK}). A success
 * forgets the failures. Keyed by user and source together, so a stranger guessing passwords does not lock a user
 * out everywhere.
 */
final class LoginThrottle {

    static final Logger LOG = LoggerFactory.getLogger("dev.ferry.security");
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** Failures of a user and source older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);
    /** At most this many users and sources are remembered (the oldest expire first). */
    static final int MOST_REMEMBERED = 10_000;

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long logins of this user from this source are still refused; empty when they are not. */
    Optional<Duration> locked(String user, String source) {
        Failures f = failures.get(key(user, source));
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    /** A wrong user or password: logged, and counted towards a lock. */
    void failed(String user, String source, String surface) {
        Instant now = clock.instant();
        Failures f = failures.compute(key(user, source), (k, old) -> {
            int count = old == null || Duration.between(old.last(), now).compareTo(MEMORY) > 0 ? 1 : old.count() + 1;
            Instant lockedUntil = null;
            if (count >= FREE_FAILURES) {
                long factor = 1L << Math.min(20, count - FREE_FAILURES);
                Duration lock = FIRST_LOCK.multipliedBy(factor);
                lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
            return new Failures(count, now, lockedUntil);
        });
        if (f.lockedUntil() != null) {
            LOG.warn("{} login failed for user '{}' from {} ({} failures in a row): this user's logins from there are"
                    + " refused for {} s", surface, printable(user), source, f.count(),
                    Duration.between(now, f.lockedUntil()).toSeconds());
        } else {
            LOG.warn("{} login failed for user '{}' from {} ({} failure(s) in a row)", surface, printable(user), source,
                    f.count());
        }
        if (failures.size() > MOST_REMEMBERED) {
            forgetOld(now);
        }
    }

    /** A login refused because of a lock: logged, not counted. */
    void refused(String user, String source, String surface, Duration left) {
        LOG.warn("{} login of user '{}' from {} refused without checking the password: locked for {} s more after"
                + " repeated failures", surface, printable(user), source, Math.max(1, left.toSeconds()));
    }

    void succeeded(String user, String source) {
        failures.remove(key(user, source));
    }

    private void forgetOld(Instant now) {
        for (Iterator<Map.Entry<String, Failures>> it = failures.entrySet().iterator(); it.hasNext(); ) {
            Failures f = it.next().getValue();
            boolean locked = f.lockedUntil() != null && now.isBefore(f.lockedUntil());
            if (!locked && Duration.between(f.last(), now).compareTo(Duration.ofMinutes(1)) > 0) {
                it.remove();
            }
        }
    }

    /** A user name as a log line may show it: at most 64 characters, control characters as '?'. */
    static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static String key(String user, String source) {
        return user + '\u0000' + source;
    }
}
