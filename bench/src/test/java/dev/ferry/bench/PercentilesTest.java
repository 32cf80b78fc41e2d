package dev.ferry.bench;

import org.junit.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class PercentilesTest {

    @Test
    public void nearestRankGivesAMeasuredValue() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertEquals(50, Percentiles.of(hundred, 50), 0);
        assertEquals(99, Percentiles.of(hundred, 99), 0);
        assertEquals(100, Percentiles.of(hundred, 100), 0);
    }

    @Test
    public void withFewValuesP99IsTheLargest() {
        assertEquals(153.4, Percentiles.of(List.of(40.0, 153.4, 53.2, 60.1), 99), 0);
        assertEquals(53.2, Percentiles.of(List.of(40.0, 153.4, 53.2, 60.1), 50), 0);
    }

    @Test
    public void nothingMeasuredIsNaN() {
        assertTrue(Double.isNaN(Percentiles.of(List.<Long>of(), 99)));
    }
}
