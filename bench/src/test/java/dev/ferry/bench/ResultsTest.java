package dev.ferry.bench;

import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class ResultsTest {

    @Test
    public void figuresAreJudgedAgainstTheIssuesTargets() {
        Results r = new Results();
        r.put("ferry_full_vs_limit", 0.62);
        r.put("ferry_resync_vs_full", 0.4);
        r.put("ferry_resync_target_writes", 0L);
        r.put("ferry_1pct_delete_ok", false);
        r.put("register_p99_ms", 100.0);
        assertTrue(r.meets("ferry_full_vs_limit"));
        assertFalse(r.meets("ferry_resync_vs_full"));
        assertTrue(r.meets("ferry_resync_target_writes"));
        assertFalse(r.meets("ferry_1pct_delete_ok"));
        assertTrue(r.meets("register_p99_ms"));
        assertNull("no target", r.meets("limit_rows_per_s"));
        assertNull("not measured", r.meets("fire_lag_p99_ms"));
    }

    @Test
    public void heapAfterGcIsJudgedOnlyAtTheIssuesRegistrations() {
        Results small = new Results();
        small.put("registrations", 20);
        small.put("heap_after_gc_mib", 80.0);
        assertNull(small.meets("heap_after_gc_mib"));
        assertTrue(small.table().contains("(not judged here)"));

        Results large = new Results();
        large.put("registrations", 1000);
        large.put("heap_after_gc_mib", 1500.0);
        assertFalse(large.meets("heap_after_gc_mib"));
        assertTrue(large.table().contains("MISSES"));
    }

    @Test
    public void theTableShowsWhatWasNotMeasured() {
        Results r = new Results();
        r.put("rows", 20_000L);
        r.put("fire_lag_p99_ms", Double.NaN);
        String table = r.table();
        assertTrue(table, table.contains("20,000"));
        assertTrue(table, table.matches("(?s).*scheduled run start lag p99, ms\\s+n/a.*"));
        assertTrue(table, table.matches("(?s).*Ferry full sync, rows/s\\s+-.*"));
    }

    @Test
    public void jsonHasEveryFigureWithTargetsAndVerdicts() throws Exception {
        Results r = new Results();
        r.put("rows", 20_000L);
        r.put("ferry_full_vs_limit", 0.0171234);
        r.put("fire_lag_p99_ms", Double.NaN);
        Path file = Files.createTempDirectory("bench-results").resolve("latest.json");
        r.write(file);
        String json = Files.readString(file);
        assertTrue(json, json.contains("\"rows\" : 20000"));
        assertTrue(json, json.contains("\"ferry_full_vs_limit\" : 0.017"));
        assertTrue(json, json.contains("\"fire_lag_p99_ms\" : null"));
        assertTrue(json, json.contains("\"ferry_full_vs_limit\" : \">= 0.5\""));
        assertTrue(json, json.contains("\"ferry_full_vs_limit\" : false"));
        assertEquals(1, json.split("\"targets\"").length - 1);
    }
}
