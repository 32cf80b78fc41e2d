package dev.ferry.rest;

import org.junit.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Repeated failed logins of a user from a source lock that user out from there, for longer each time. */
public class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    public void fiveFailuresInARowLockTheUserOutFromThatSourceOnly() {
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin", "10.0.0.5", "REST");
            assertFalse("after " + i + " failure(s)", throttle.locked("admin", "10.0.0.5").isPresent());
        }
        throttle.failed("admin", "10.0.0.5", "REST");
        assertEquals(LoginThrottle.FIRST_LOCK, throttle.locked("admin", "10.0.0.5").orElseThrow());
        assertFalse("another source is not locked", throttle.locked("admin", "127.0.0.1").isPresent());
        assertFalse("another user is not locked", throttle.locked("viewer", "10.0.0.5").isPresent());

        now = now.plus(LoginThrottle.FIRST_LOCK);
        assertFalse(throttle.locked("admin", "10.0.0.5").isPresent());
        throttle.failed("admin", "10.0.0.5", "REST"); // one more failure: twice as long
        assertEquals(LoginThrottle.FIRST_LOCK.multipliedBy(2), throttle.locked("admin", "10.0.0.5").orElseThrow());
        for (int i = 0; i < 30; i++) {
            throttle.failed("admin", "10.0.0.5", "REST");
        }
        assertEquals(LoginThrottle.LONGEST_LOCK, throttle.locked("admin", "10.0.0.5").orElseThrow());
    }

    @Test
    public void aSuccessOrAnHourWithoutFailuresForgetsThem() {
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin", "10.0.0.5", "REST");
        }
        throttle.succeeded("admin", "10.0.0.5");
        throttle.failed("admin", "10.0.0.5", "REST");
        assertFalse(throttle.locked("admin", "10.0.0.5").isPresent());
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin", "10.0.0.6", "REST");
        }
        now = now.plus(LoginThrottle.MEMORY).plus(Duration.ofSeconds(1));
        throttle.failed("admin", "10.0.0.6", "REST");
        assertFalse(throttle.locked("admin", "10.0.0.6").isPresent());
    }

    @Test
    public void whatALogLineNamesIsPrintableAndShort() {
        assertEquals("bad?user?", LoginThrottle.printable("bad\nuser\u0000"));
        assertTrue(LoginThrottle.printable("x".repeat(500)).length() <= 65);
    }
}
