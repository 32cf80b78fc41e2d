package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.DescriptorReaderTest;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.platform.api.InvalidInputException;
import org.junit.Before;
import org.junit.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** What ferry:register and POST /registrations answer to config values, before anything is stored. */
public class ConfigCheckTest {

    private final RegistrationResolver resolver = new RegistrationResolver();
    private ProductDescriptor product;

    @Before
    public void load() throws Exception {
        System.setProperty("ferry.test.home", "/srv/ferry");
        product = new DescriptorReader().read("test", DescriptorReaderTest.sample());
    }

    @Test
    public void fillsDefaultsIncludingSystemProperties() {
        Map<String, String> config = resolver.checkConfig(product, "w", Map.of("inbox", "/in"));
        assertEquals("/in", config.get("inbox"));
        assertEquals("100", config.get("batch"));
        assertEquals("/srv/ferry/x", config.get("home"));
        assertTrue(!config.containsKey("token"));
    }

    @Test
    public void namesEveryMissingUnknownAndMalformedValue() {
        try {
            resolver.checkConfig(product, "w", Map.of("batch", "many", "colour", "red"));
            fail("should be refused");
        } catch (InvalidInputException e) {
            Map<String, String> problems = e.problems().stream()
                    .collect(Collectors.toMap(InvalidInputException.Problem::field, InvalidInputException.Problem::reason));
            assertEquals("is required", problems.get("config inbox"));
            assertEquals("'many' is not a whole number", problems.get("config batch"));
            assertEquals("is not a known setting", problems.get("config colour"));
        }
    }
}
