package dev.ferry.engine.descriptor;

import dev.ferry.engine.expression.FlowLanguages;
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

    /** The sample's flow with stages in place of its mapping. */
    private static String withStages(String stages) throws IOException {
        return new String(sample(), StandardCharsets.UTF_8)
                .replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": " + stages);
    }

    private final DescriptorReader compiling = new DescriptorReader(FlowLanguages::problem);

    @Test
    public void readsAFlowsStagesAndKeepsTheirOrder() throws Exception {
        ProductDescriptor d = compiling.read("test", withStages("""
                [{"filter": {"simple": "${body[total]} > 10"}},
                 {"map": {"amount": "total", "cents": {"jq": ".total * 100 | floor"}, "source": {"config": "inbox"},
                          "kind": {"constant": "order"}}},
                 {"filter": {"jq": ".cents > 1000"}}]""").getBytes(StandardCharsets.UTF_8));
        List<ProductDescriptor.StageDef> stages = d.flows().get(0).stages();
        assertEquals(List.of("filter", "map", "filter"), stages.stream().map(ProductDescriptor.StageDef::kind).toList());
        assertEquals(List.of("amount", "cents", "source", "kind"), List.copyOf(stages.get(1).map().keySet()));
        assertEquals("total", stages.get(1).map().get("amount").field());
        assertEquals("order", stages.get(1).map().get("kind").constant().asText());
        assertEquals(d, compiling.readStored(compiling.write(d)));
    }

    @Test
    public void reportsEveryStageErrorWithItsPath() throws Exception {
        List<String> errors = errors(compiling, withStages("""
                [{"filter": {"simple": "${body[total] > 10"}, "map": {"amount": "total"}},
                 {"map": {"amount": {"field": "total", "jq": ".total"}, "cents": {"jq": ".total * * 100"},
                          "tag": {"config": "colour"}, "x": "nothing"}},
                 {"filter": {"simple": "${body[total] > 10"}},
                 {"map": {}},
                 {"map": {"e": {"jq": ".email | ascii_downcas"}, "c": {"jq": ".total * 100 | round"}}}]"""));
        assertContains(errors, "flows[0].stages[0]: give exactly one of filter, map, processor or lookup");
        assertContains(errors, "flows[0].stages[1].map.amount: give exactly one of field, constant, config, simple or jq (not field and jq)");
        assertContains(errors, "flows[0].stages[1].map.cents.jq: is not a valid jq expression");
        assertContains(errors, "flows[0].stages[1].map.tag.config: 'colour' is not a config of this product");
        assertContains(errors, "flows[0].stages[1].map.x.field: 'nothing' is not a field of the record here");
        assertContains(errors, "flows[0].stages[2].filter.simple: is not a valid simple expression");
        assertContains(errors, "flows[0].stages[3].map: names no field");
        assertContains(errors, "flows[0].stages[4].map.e.jq: is not a valid jq expression: Function ascii_downcas/0 does not exist");
        assertTrue("arithmetic on fields an empty record lacks is no error: " + errors,
                errors.stream().noneMatch(e -> e.contains("stages[4].map.c")));
    }

    @Test
    public void aProcessorStageNamesItsProcessorAndLeavesLaterFieldsUnchecked() throws Exception {
        ProductDescriptor d = compiling.read("test", withStages("""
                [{"processor": "orders.enrich"}, {"map": {"amount": "addedByTheProcessor"}}]""")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("processor", d.flows().get(0).stages().get(0).kind());
        assertEquals("orders.enrich", d.flows().get(0).stages().get(0).processor());
        assertEquals(d, compiling.readStored(compiling.write(d)));

        List<String> errors = errors(compiling, withStages("""
                [{"processor": "orders enrich"}, {"processor": "a", "map": {"amount": "total"}}]"""));
        assertContains(errors, "flows[0].stages[0].processor: 'orders enrich' is not a processor name (letters, digits, '.', '_' and '-')");
        assertContains(errors, "flows[0].stages[1]: give exactly one of filter, map, processor or lookup");
    }

    @Test
    public void aLookupStageNamesACacheWriterItsKeyValuesAndItsFields() throws Exception {
        ProductDescriptor d = compiling.read("test", withStages("""
                [{"lookup": {"service": "reader", "key": "id", "fields": {"amount": "total"}, "missing": "keep"}}]""")
                .getBytes(StandardCharsets.UTF_8));
        ProductDescriptor.LookupDef lookup = d.flows().get(0).stages().get(0).lookup();
        assertEquals("lookup", d.flows().get(0).stages().get(0).kind());
        assertEquals("a single key value is a list of one", List.of(ProductDescriptor.ValueDef.ofField("id")), lookup.key());
        assertEquals("keep", lookup.whenMissing());
        assertEquals(d, compiling.readStored(compiling.write(d)));

        List<String> errors = errors(compiling, withStages("""
                [{"lookup": {"service": "writer", "key": ["id", "total"], "fields": {"amount": "nothing"}, "missing": "ignore"}},
                 {"lookup": {"service": "reader", "key": {"jq": ".id +"}, "fields": {"amount": "colour"}}},
                 {"lookup": {"service": "reader"}}]"""));
        assertContains(errors, "flows[0].stages[0].lookup.service: 'writer' is not a cache-writer service of this product");
        assertContains(errors, "flows[0].stages[0].lookup.missing: 'ignore' is not one of [reject, drop, keep]");
        assertContains(errors, "flows[0].stages[1].lookup.key[0].jq: is not a valid jq expression");
        assertContains(errors, "flows[0].stages[1].lookup.fields.amount: 'colour' is not a field of service 'reader'");
        assertContains(errors, "flows[0].stages[2].lookup.key: is required: the value of each key field of the looked-up service [id]");
        assertContains(errors, "flows[0].stages[2].lookup.fields: is required");
        List<String> twoKeys = errors(compiling, withStages("""
                [{"lookup": {"service": "reader", "key": ["id", "total"], "fields": {"amount": "total"}}}]"""));
        assertContains(twoKeys, "flows[0].stages[0].lookup.key: gives 2 value(s) for the 1 key field(s) [id] of service 'reader'");
    }

    @Test
    public void aDescriptorSaysItsFormatAndANewerOneIsRefusedSayingSo() throws Exception {
        String sample = new String(sample(), StandardCharsets.UTF_8);
        assertEquals(2, (int) reader.read("test", sample.replaceFirst("\\{", "{\"format\": 2, ")
                .getBytes(StandardCharsets.UTF_8)).format());
        assertEquals("a first-format descriptor reads as it did", 1, (int) reader.read("test",
                sample.replaceFirst("\\{", "{\"format\": 1, ").getBytes(StandardCharsets.UTF_8)).format());
        assertContains(errors(sample.replaceFirst("\\{", "{\"format\": 3, ")),
                "format: 3 is newer than this Ferry reads (formats 1 to 2): the product needs a newer Ferry");
        assertContains(errors(sample.replaceFirst("\\{", "{\"format\": 0, ")), "format: must be 1 to 2");
        assertContains(errors(compiling, withStages("[{\"filter\": {\"jq\": \".total > 1\"}}]")
                .replaceFirst("\\{", "{\"format\": 1, ")), "flows[0].stages: format 1 has no stages");
    }

    @Test
    public void aFlowOfDeletionsMustSetTheTargetsKeyFromTheSourcesKey() throws Exception {
        String deletions = new String(sample(), StandardCharsets.UTF_8)
                .replace("\"from\": {\"service\": \"reader\"}", "\"from\": {\"service\": \"reader\", \"events\": [\"deleted\"]}");
        assertEquals(1, reader.read("test", deletions.getBytes(StandardCharsets.UTF_8)).flows().size()); // id from id
        List<String> errors = errors(deletions.replace("\"mapping\": {\"amount\": \"total\"}",
                "\"stages\": [{\"map\": {\"id\": \"total\", \"amount\": \"total\"}}]"));
        assertContains(errors, "flows[0].from.events: a deletion knows only the source's key fields [id], so the target's"
                + " key field 'id' cannot be set from 'total'");
        reader.read("test", deletions.replace("\"mapping\": {\"amount\": \"total\"}",
                "\"stages\": [{\"map\": {\"id\": {\"jq\": \".id + 0\"}}}]").getBytes(StandardCharsets.UTF_8));
        assertContains(errors(compiling, deletions.replace("\"mapping\": {\"amount\": \"total\"}",
                "\"stages\": [{\"lookup\": {\"service\": \"reader\", \"key\": \"id\", \"fields\": {\"id\": \"total\"}}}]")),
                "flows[0].from.events: a lookup sets the target's key field 'id', but deletions pass lookups as they are");
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
        return errors(reader, json);
    }

    private static List<String> errors(DescriptorReader reader, String json) {
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
