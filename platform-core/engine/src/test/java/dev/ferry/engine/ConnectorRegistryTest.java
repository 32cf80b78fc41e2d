package dev.ferry.engine;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.read.CacheWriter;
import org.junit.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/** Which installed version of a connector serves: versions decide, not the order bundles started in. */
public class ConnectorRegistryTest {

    @Test
    public void theHighestVersionServesWhateverOrderTheyCameIn() {
        Connector v100 = connector("1.0.0");
        Connector v101 = connector("1.0.1");
        Connector v110 = connector("1.10.0");
        Connector v19 = connector("1.9.0");
        for (List<Connector> order : List.of(List.of(v100, v101, v110, v19), List.of(v19, v110, v101, v100),
                List.of(v101, v19, v100, v110))) {
            ConnectorRegistry registry = new ConnectorRegistry();
            long bundle = 10;
            for (Connector c : order) {
                registry.add(new ConnectorRegistry.Installed(c, c.info(), bundle++, "b"));
            }
            assertSame(v110, registry.get("jdbc").orElseThrow());
            assertEquals(List.of("1.10.0", "1.9.0", "1.0.1", "1.0.0"),
                    registry.installed("jdbc").stream().map(i -> i.info().version()).toList());
        }
    }

    @Test
    public void aProductsRangePicksTheHighestVersionInIt() {
        ConnectorRegistry registry = new ConnectorRegistry();
        Connector v1 = connector("1.4.2");
        Connector v2 = connector("2.0.0");
        registry.add(new ConnectorRegistry.Installed(v2, v2.info(), 20, "b"));
        registry.add(new ConnectorRegistry.Installed(v1, v1.info(), 21, "b"));
        assertSame(v1, registry.serving("jdbc", "[1.0.0,2.0.0)").orElseThrow());
        assertSame(v2, registry.serving("jdbc", "1.0.0").orElseThrow()); // a bare version: it or later
        assertSame(v2, registry.serving("jdbc", null).orElseThrow());
        assertFalse(registry.serving("jdbc", "[3.0.0,4.0.0)").isPresent());
        assertEquals("connector missing: connector 'jdbc' in [3.0.0,4.0.0) is not installed (installed: [2.0.0, 1.4.2])",
                registry.missing("jdbc", "[3.0.0,4.0.0)"));
        assertEquals("connector missing: connector 'http-json' is not installed", registry.missing("http-json", null));
    }

    @Test
    public void ofOneVersionTheBundleInstalledFirstServes() {
        ConnectorRegistry registry = new ConnectorRegistry();
        Connector later = connector("1.0.0");
        Connector first = connector("1.0.0");
        registry.add(new ConnectorRegistry.Installed(later, later.info(), 90, "b"));
        registry.add(new ConnectorRegistry.Installed(first, first.info(), 40, "b"));
        assertSame(first, registry.get("jdbc").orElseThrow());
    }

    @Test
    public void removingTheServingVersionFallsBackToTheNextAndTellsListeners() {
        ConnectorRegistry registry = new ConnectorRegistry();
        AtomicInteger told = new AtomicInteger();
        registry.addListener(told::incrementAndGet);
        Connector v1 = connector("1.0.0");
        Connector v2 = connector("1.1.0");
        registry.add(new ConnectorRegistry.Installed(v1, v1.info(), 1, "b"));
        registry.add(new ConnectorRegistry.Installed(v2, v2.info(), 2, "b"));
        assertSame(v2, registry.get("jdbc").orElseThrow());
        registry.remove(v2);
        assertSame(v1, registry.get("jdbc").orElseThrow());
        registry.remove(v1);
        assertFalse(registry.get("jdbc").isPresent());
        assertTrue(registry.ids().isEmpty());
        assertEquals(4, told.get());
        registry.remove(v1); // already gone: nothing happens
        assertEquals(4, told.get());
    }

    private static Connector connector(String version) {
        ConnectorInfo info = new ConnectorInfo("jdbc", "JDBC", version, "Ferry", "");
        return new Connector() {
            @Override
            public ConnectorInfo info() {
                return info;
            }

            @Override
            public List<ConfigField> connectionSpec() {
                return List.of();
            }

            @Override
            public List<ModuleSpec> modules() {
                return List.of();
            }

            @Override
            public ConnectionTest testConnection(Config connection) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CacheWriter cacheWriter(String module) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ActionProcessor actionProcessor(String module) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
