package dev.ferry.engine.descriptor;

import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class DescriptorReaderTest {

    private final DescriptorReader reader = new DescriptorReader();

    public static byte[] sample() throws IOException {
        try (InputStream in = DescriptorReaderTest.class.getResourceAsStream("/product.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    public void readsAValidProduct() throws Exception {
        ProductDescriptor d = reader.read("test", sample());
        assertEquals("orders", d.id());
        assertEquals("standard", d.type());
        assertEquals("published", d.lifecycle());
        assertEquals("file/csv/cache-writer", d.service("reader").orElseThrow().qualifiedName());
        assertEquals(List.of("inserted", "updated"), d.flows().get(0).from().events());
        assertEquals("orders", d.featureOf("copy").orElseThrow().id());
        assertEquals("Europe/Amsterdam", d.job("nightly").orElseThrow().schedule().zone());
    }

    @Test
    public void storedFormReadsBackEqual() throws Exception {
        ProductDescriptor d = reader.read("test", sample());
        assertEquals(d, reader.readStored(reader.write(d)));
    }

    @Test
    public void reportsEveryErrorWithItsPath() throws Exception {
        String json = new String(sample(), StandardCharsets.UTF_8)
                .replace("\"version\": \"2.1.0\"", "\"version\": \"two\"")
                .replace("\"connector\": \"jdbc\"", "\"connector\": \"ftp\"")
                .replace("{{inbox}}", "{{outbox}}")
                .replace("\"operation\": \"upsert\"", "\"operation\": \"merge\"")
                .replace("\"0 0 2 * * ?\"", "\"every night\"")
                .replace("\"steps\": [\"reader\", \"writer\"]", "\"steps\": [\"reader\", \"sender\"]")
                .replace("\"amount\": \"total\"", "\"amount\": \"sum\"");
        List<String> errors = errors(json);
        assertContains(errors, "version: must be a semantic version");
        assertContains(errors, "services[1].connector: 'ftp' is not one of the product's connectors");
        assertContains(errors, "services[0].connection.directory: refers to config 'outbox'");
        assertContains(errors, "flows[0].to.operation: unknown operation 'merge'");
        assertContains(errors, "flows[0].mapping.amount: 'sum' is not a field of the source object");
        assertContains(errors, "jobs[0].schedule.cron: 'every night' is not a Quartz cron expression");
        assertContains(errors, "jobs[0].steps: 'sender' is not a service of this product");
    }

    @Test
    public void unknownPropertiesAndBadJsonAreRefusedWithTheirPath() {
        assertContains(errors("{\"id\":\"x\",\"colour\":\"red\"}"), "colour");
        assertContains(errors("{\"id\":\"x\",\"services\":[{\"id\":\"a\",\"object\":{\"fieldz\":[]}}]}"), "services[0].object.fieldz");
        assertContains(errors("{not json"), "not valid JSON");
    }

    @Test
    public void intervalsAndCronNeedExactlyOneOfThem() throws Exception {
        String both = new String(sample(), StandardCharsets.UTF_8).replace("\"cron\": \"0 0 2 * * ?\"", "\"cron\": \"0 0 2 * * ?\", \"every\": \"5m\"");
        assertContains(errors(both), "jobs[0].schedule: give exactly one of cron or every");
        String badEvery = new String(sample(), StandardCharsets.UTF_8).replace("\"cron\": \"0 0 2 * * ?\"", "\"every\": \"soon\"");
        assertContains(errors(badEvery), "jobs[0].schedule.every: 'soon' is not an interval");
        String badZone = new String(sample(), StandardCharsets.UTF_8).replace("Europe/Amsterdam", "UTC+2");
        assertContains(errors(badZone), "jobs[0].schedule.timeZone: 'UTC+2' is not a time zone id");
        String noEvents = new String(sample(), StandardCharsets.UTF_8).replace("\"from\": {\"service\": \"reader\"}",
                "\"from\": {\"service\": \"reader\", \"events\": []}");
        assertContains(errors(noEvents), "flows[0].from.events: must name at least one");
    }

    private List<String> errors(String json) {
        try {
            reader.read("test", json.getBytes(StandardCharsets.UTF_8));
            fail("descriptor should have been refused");
            return List.of();
        } catch (DescriptorException e) {
            return e.errors();
        }
    }

    private static void assertContains(List<String> errors, String expected) {
        assertTrue(expected + " not in " + errors, errors.stream().anyMatch(e -> e.contains(expected)));
    }
}
