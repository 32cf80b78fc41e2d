package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.DescriptorReaderTest;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.registration.RegistrationPlanner.Setup;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationOverrides.JobOverride;
import dev.ferry.platform.api.RegistrationPlan;
import org.junit.Before;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/** The preview of an update: exactly the differences a user would see, and the caches that reset. */
public class RegistrationPlannerTest {

    private final DescriptorReader reader = new DescriptorReader();
    private ProductDescriptor v210;

    @Before
    public void load() throws Exception {
        v210 = reader.read("test", DescriptorReaderTest.sample());
    }

    private ProductDescriptor version(String from, String to) throws Exception {
        return reader.read("test", new String(DescriptorReaderTest.sample(), StandardCharsets.UTF_8).replace(from, to)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Setup setup(ProductDescriptor product, Map<String, String> config) {
        return new Setup(product, config, Map.of("orders", "active"), RegistrationOverrides.NONE);
    }

    @Test
    public void nothingChangedIsAnEmptyPlanWithTheSameDefinition() {
        RegistrationPlan plan = RegistrationPlanner.plan("w:orders", "w", setup(v210, Map.of("inbox", "/in")),
                setup(v210, Map.of("inbox", "/in")));
        assertTrue(plan.changes().toString(), plan.empty());
        assertEquals(List.of(), plan.missingConfigs());
        assertEquals(Definitions.hash("orders", "2.1.0", Definitions.parts(v210)), plan.definition());
    }

    @Test
    public void aNewVersionListsEachDifferenceAndKeepsCachesWhoseObjectIsTheSame() throws Exception {
        ProductDescriptor v220 = version("\"version\": \"2.1.0\"", "\"version\": \"2.2.0\"");
        ProductDescriptor next = reader.readStored(reader.write(v220).replace("{\"amount\":\"total\"}", "{\"amount\":\"id\"}").replace("\"0 0 2 * * ?\"", "\"0 0 3 * * ?\"")
                .replace("{\"name\":\"token\"", "{\"name\":\"region\",\"type\":\"string\"},{\"name\":\"token\""));
        RegistrationPlan plan = RegistrationPlanner.plan("w:orders", "w",
                setup(v210, Map.of("inbox", "/in", "token", "s3cret")), setup(next, Map.of("inbox", "/in", "token", "other")));
        assertEquals(List.of(
                "version orders changed: 2.1.0 -> 2.2.0",
                "config token changed: **** -> ****",
                "config region added: (no value)",
                "flow copy changed",
                "schedule nightly changed: cron 0 0 2 * * ? (Europe/Amsterdam) -> cron 0 0 3 * * ? (Europe/Amsterdam)"),
                plan.changes().stream().map(Object::toString).toList());
        assertEquals("the reader reads the same object: its cache stays", List.of(), plan.resets());
        assertEquals(List.of("region"), plan.missingConfigs());
        assertNotEquals(Definitions.hash("orders", "2.1.0", Definitions.parts(v210)), plan.definition());
    }

    @Test
    public void aReaderWhoseKeyOrObjectChangedStartsFromAnEmptyCache() throws Exception {
        ProductDescriptor rekeyed = reader.readStored(reader.write(v210).replaceFirst("\"primaryKey\":\\[\"id\"]",
                "\"primaryKey\":[\"total\"]"));
        RegistrationPlan plan = RegistrationPlanner.plan("w:orders", "w", setup(v210, Map.of("inbox", "/in")),
                setup(rekeyed, Map.of("inbox", "/in")));
        assertEquals(List.of("reader: key changed (its cache and cursor start empty: every record is read as inserted)"),
                plan.resets());
        assertEquals("service reader changed: key [id] -> [total]", plan.changes().get(0).toString());
    }

    @Test
    public void anotherInboxKeepsTheCacheButAnObjectOptionFedByAConfigResetsIt() throws Exception {
        RegistrationPlan inbox = RegistrationPlanner.plan("w:orders", "w", setup(v210, Map.of("inbox", "/in")),
                setup(v210, Map.of("inbox", "/other")));
        assertEquals(List.of("config inbox changed: /in -> /other"), inbox.changes().stream().map(Object::toString).toList());
        assertEquals("a connection is not the data object: rotating a password must not re-read everything",
                List.of(), inbox.resets());

        ProductDescriptor patterned = reader.readStored(reader.write(v210).replaceFirst("\"options\":\\{}",
                "\"options\":{\"pattern\":\"{{home}}\"}"));
        RegistrationPlan plan = RegistrationPlanner.plan("w:orders", "w", setup(patterned, Map.of("inbox", "/in")),
                setup(patterned, Map.of("inbox", "/in", "home", "/elsewhere")));
        assertEquals(List.of("reader: object options changed (its cache and cursor start empty: every record is read as inserted)"),
                plan.resets());
    }

    @Test
    public void featureStatesAndOverridesAreListed() {
        Setup before = setup(v210, Map.of("inbox", "/in"));
        Setup after = new Setup(v210, Map.of("inbox", "/in"), Map.of("orders", "onboarding"), new RegistrationOverrides(
                true, null, "admin", Map.of("nightly", new JobOverride("15m", null, null, true)), List.of("orders")));
        assertEquals(List.of(
                        "feature orders changed: active -> onboarding",
                        "override paused changed: false -> true",
                        "override onboarding schedule of feature orders added: on",
                        "schedule nightly changed: cron 0 0 2 * * ? (Europe/Amsterdam) -> every 15m (overridden), paused"),
                RegistrationPlanner.plan("w:orders", "w", before, after).changes().stream().map(Object::toString).toList());
    }
}
