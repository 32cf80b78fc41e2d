package dev.ferry.engine.service;

import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.DescriptorReaderTest;
import dev.ferry.engine.descriptor.ProductDescriptor;
import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarInputStream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** What the builder writes into the product repository: Maven paths, the product bundle, the feature. */
public class ProductBuilderTest {

    @Test
    public void aPublishedVersionIsABundleAndAFeatureAtMavenPaths() throws Exception {
        assertEquals("dev/ferry/products/orders/2.1.0/orders-2.1.0-features.xml",
                ProductBuilder.path("dev.ferry.products", "orders", "2.1.0", "xml", "features"));
        assertEquals("1.0.0", ProductBuilder.osgiVersion("1.0.0"));
        assertEquals("1.0.0.rc-1", ProductBuilder.osgiVersion("1.0.0-rc.1"));
        assertEquals("orders-dev", ProductBuilder.developmentWorkspace("orders"));

        String uploaded = new String(DescriptorReaderTest.sample(), StandardCharsets.UTF_8);
        ProductDescriptor d = new DescriptorReader().read("test", DescriptorReaderTest.sample());
        byte[] jar = ProductBuilder.productBundle(d, uploaded);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertEquals("dev.ferry.products.orders", in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            assertEquals("META-INF/ferry/product.json", in.getManifest().getMainAttributes().getValue("Ferry-Product"));
            assertEquals("META-INF/ferry/product.json", in.getNextJarEntry().getName());
            ProductDescriptor inside = new DescriptorReader().read("jar", in.readAllBytes());
            assertEquals("published", inside.lifecycle());
            assertEquals(d.flows(), inside.flows());
        }
        String features = ProductBuilder.features(d, List.of("mvn:dev.ferry.products/orders/2.1.0"));
        assertTrue(features, features.contains("<feature name=\"orders\" version=\"2.1.0\""));
        assertTrue(features, features.contains("<feature>ferry-connector-file</feature>")
                && features.contains("<feature>ferry-connector-jdbc</feature>"));
        assertTrue(features, features.contains("<bundle>mvn:dev.ferry.products/orders/2.1.0</bundle>"));
    }
}
