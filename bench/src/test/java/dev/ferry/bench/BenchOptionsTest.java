package dev.ferry.bench;

import org.junit.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class BenchOptionsTest {

    @Test
    public void defaultsAreTheIssueSetting() {
        BenchOptions o = BenchOptions.parse();
        assertEquals(1_000_000, o.rows());
        assertEquals(1_000, o.registrations());
        assertEquals("derby", o.store());
        assertEquals(Duration.ofSeconds(150), o.observe());
        assertNull(o.karafLock());
    }

    @Test
    public void aSmallSettingWatchesTheSchedulesJustLongEnoughForASecondRun() {
        BenchOptions o = BenchOptions.parse("--rows", "20000", "--registrations", "20");
        assertEquals(20_000, o.rows());
        assertEquals(20, o.registrations());
        assertEquals(Duration.ofSeconds(65), o.observe());
    }

    @Test
    public void everyOptionIsRead() {
        BenchOptions o = BenchOptions.parse("--store", "postgresql", "--observe", "30", "--rows", "1,000",
                "--karaf-lock", "/tmp/x.lock", "--registrations", "500");
        assertEquals("postgresql", o.store());
        assertEquals(Duration.ofSeconds(30), o.observe());
        assertEquals(1_000, o.rows());
        assertEquals(Path.of("/tmp/x.lock"), o.karafLock());
        assertEquals(500, o.registrations());
    }

    @Test
    public void badValuesAreRefusedWithTheirOption() {
        assertTrue(message("--rows", "5").contains("--rows"));
        assertTrue(message("--store", "oracle").contains("derby or postgresql"));
        assertTrue(message("--registrations").contains("needs a value"));
        assertTrue(message("--fast", "1").contains("unknown option --fast"));
    }

    @Test
    public void helpIsAnEmptyMessage() {
        assertEquals("", message("--help"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args)).getMessage();
    }
}
