package dev.ferry.store;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class ActionTableTest {

    @Test
    public void aLongOriginKeepsItsEndWhereTheFlowIsNamed() {
        String origin = "w:p/reader via flow " + "a".repeat(300) + " via flow confirm";
        String kept = ActionTable.tail(origin, 200);
        assertEquals(200, kept.length());
        assertTrue(kept, kept.startsWith("…") && kept.endsWith(" via flow confirm"));
        assertEquals("short", ActionTable.tail("short", 200));
    }
}
