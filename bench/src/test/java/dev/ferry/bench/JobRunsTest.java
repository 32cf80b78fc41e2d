package dev.ferry.bench;

import org.junit.Test;

import java.time.Duration;

import static org.junit.Assert.assertEquals;

public class JobRunsTest {

    @Test
    public void theTimeLimitGrowsWithTheRows() {
        assertEquals(Duration.ofSeconds(520), JobRuns.timeoutFor(20_000));
        assertEquals(Duration.ofSeconds(120 + 20_000), JobRuns.timeoutFor(1_000_000));
    }
}
