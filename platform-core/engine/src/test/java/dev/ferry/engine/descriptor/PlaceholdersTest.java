package dev.ferry.engine.descriptor;

import org.junit.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

public class PlaceholdersTest {

    @Test
    public void fillsConfigValues() {
        assertEquals("jdbc:derby:/data/db;create=true",
                Placeholders.fillConfig("jdbc:derby:{{ dir }}/db;create=true", Map.of("dir", "/data")));
        assertEquals(Set.of("a", "b"), Placeholders.configNames("{{a}}-{{b}}-{{a}}"));
        assertThrows(IllegalArgumentException.class, () -> Placeholders.fillConfig("{{missing}}", Map.of()));
    }

    @Test
    public void fillsSystemPropertiesAndLeavesUnknownOnes() {
        System.setProperty("ferry.placeholder.test", "/opt/karaf/data");
        assertEquals("/opt/karaf/data/inbox", Placeholders.fillProperties("${ferry.placeholder.test}/inbox"));
        assertEquals("${no.such.property}/x", Placeholders.fillProperties("${no.such.property}/x"));
    }

    @Test
    public void readsIntervals() {
        assertEquals(Duration.ofSeconds(10), Schedules.interval("10s"));
        assertEquals(Duration.ofMinutes(5), Schedules.interval("5m"));
        assertEquals(Duration.ofHours(2), Schedules.interval(" 2h "));
        assertThrows(IllegalArgumentException.class, () -> Schedules.interval("0s"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.interval("ten seconds"));
    }
}
