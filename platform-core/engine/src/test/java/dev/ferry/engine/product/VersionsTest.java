package dev.ferry.engine.product;

import org.junit.Test;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class VersionsTest {

    @Test
    public void ordersNumericallyAndReleasesAfterPreReleases() {
        assertTrue(Versions.parse("1.10.0").compareTo(Versions.parse("1.9.3")) > 0);
        assertTrue(Versions.parse("2.0.0").compareTo(Versions.parse("2.0.0-rc1")) > 0);
        assertTrue(Versions.parse("2.0.0-rc2").compareTo(Versions.parse("2.0.0-rc1")) > 0);
        assertTrue(Versions.parse("1.0.0").compareTo(Versions.parse("1.0.0")) == 0);
    }

    @Test
    public void rangesIncludeAndExcludeTheirEndsAsOsgiReadsThem() {
        assertTrue(Versions.inRange("1.0.0", "[1.0.0,2.0.0)"));
        assertTrue(Versions.inRange("1.9.9", "[1.0.0,2.0.0)"));
        assertFalse(Versions.inRange("2.0.0", "[1.0.0,2.0.0)"));
        assertFalse(Versions.inRange("1.0.0", "(1.0.0,2.0.0]"));
        assertTrue(Versions.inRange("2.0.0", "(1.0.0,2.0.0]"));
        assertTrue("a bare version is it or later", Versions.inRange("3.1.0", "1.2"));
        assertFalse(Versions.inRange("1.1.9", "1.2"));
        for (String bad : new String[]{"[1.0.0", "[1,2,3]", "latest", "[a,b)"}) {
            try {
                Versions.inRange("1.0.0", bad);
                fail(bad + " is no range");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("is not a version range"));
            }
        }
    }
}
