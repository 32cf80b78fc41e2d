package dev.ferry.bench;

import dev.ferry.bench.FireLag.ScheduledRun;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;

public class FireLagTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00.250Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    public void scheduledAtGivesEachRunsLag() {
        FireLag lag = FireLag.of(List.of(
                List.of(new ScheduledRun(T.plusMillis(30), T), new ScheduledRun(T.plusSeconds(60).plusMillis(900), T.plusSeconds(60))),
                List.of(new ScheduledRun(T.plusMillis(5), T))), MINUTE);
        assertEquals(FireLag.SCHEDULED_AT, lag.method());
        assertEquals(List.of(30L, 900L, 5L), lag.lagsMs());
        assertEquals(900, lag.percentileMs(99), 0);
    }

    @Test
    public void withoutScheduledAtLaterRunsAreMeasuredFromTheFirst() {
        FireLag lag = FireLag.of(List.of(
                List.of(new ScheduledRun(T.plusSeconds(120).plusMillis(40), null), new ScheduledRun(T, null),
                        new ScheduledRun(T.plusSeconds(60).plusMillis(1500), null)),
                List.of(new ScheduledRun(T.plusSeconds(7), null), new ScheduledRun(T.plusSeconds(67).minusMillis(20), null))),
                MINUTE);
        assertEquals(FireLag.FIRST_RUN, lag.method());
        assertEquals(List.of(1500L, 40L, -20L), lag.lagsMs());
    }

    @Test
    public void oneMissingScheduledAtFallsBackForAll() {
        FireLag lag = FireLag.of(List.of(
                List.of(new ScheduledRun(T, T), new ScheduledRun(T.plusSeconds(60).plusMillis(10), null))), MINUTE);
        assertEquals(FireLag.FIRST_RUN, lag.method());
        assertEquals(List.of(10L), lag.lagsMs());
    }

    @Test
    public void aSingleRunGivesNoSampleWithoutScheduledAt() {
        FireLag lag = FireLag.of(List.of(List.of(new ScheduledRun(T, null))), MINUTE);
        assertEquals(List.of(), lag.lagsMs());
        assertEquals(Double.NaN, lag.percentileMs(99), 0);
    }
}
