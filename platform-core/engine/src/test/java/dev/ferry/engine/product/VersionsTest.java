package dev.ferry.engine.product;

import org.junit.Test;

import static org.junit.Assert.assertTrue;

public class VersionsTest {

    @Test
    public void ordersNumericallyAndReleasesAfterPreReleases() {
        assertTrue(Versions.parse("1.10.0").compareTo(Versions.parse("1.9.3")) > 0);
        assertTrue(Versions.parse("2.0.0").compareTo(Versions.parse("2.0.0-rc1")) > 0);
        assertTrue(Versions.parse("2.0.0-rc2").compareTo(Versions.parse("2.0.0-rc1")) > 0);
        assertTrue(Versions.parse("1.0.0").compareTo(Versions.parse("1.0.0")) == 0);
    }
}
