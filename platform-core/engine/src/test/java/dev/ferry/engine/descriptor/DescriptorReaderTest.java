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
        assertEquals(List.of("inserted", "updated"), d.flows().get(0).from().eventKinds());
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
        assertContains(errors, "jobs[0].steps: 'sender' is not a service or flow of this product");
    }

    @Test
    public void aConnectorIsNamedByIdAloneOrWithTheVersionsTheProductWorksWith() throws Exception {
        String sample = new String(sample(), StandardCharsets.UTF_8);
        String connectors = sample.substring(sample.indexOf("\"connectors\""), sample.indexOf(']', sample.indexOf("\"connectors\"")) + 1);
        ProductDescriptor d = reader.read("test", sample.replace(connectors,
                "\"connectors\": [\"file\", {\"id\": \"jdbc\", \"version\": \"[1.2.0,2.0.0)\"}]").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("file", "jdbc"), d.connectorIds());
        assertEquals(null, d.connectorRange("file"));
        assertEquals("[1.2.0,2.0.0)", d.connectorRange("jdbc"));
        assertTrue(d.connectors().get(1).accepts("1.10.0"));
        assertTrue(!d.connectors().get(1).accepts("2.0.0"));
        // written back: an id alone stays a string, so a product without ranges reads as before
        String written = reader.write(d);
        assertTrue(written, written.contains("\"connectors\":[\"file\",{\"id\":\"jdbc\",\"version\":\"[1.2.0,2.0.0)\"}]"));
        assertEquals(d, reader.readStored(reader.write(d)));

        List<String> errors = errors(sample.replace(connectors, "\"connectors\": [\"file\", {\"id\": \"jdbc\","
                + " \"version\": \"from 1.2\"}, \"file\"]"));
        assertContains(errors, "connectors[1].version: 'from 1.2' is not a version range");
        assertContains(errors, "connectors[2]: 'file' is named twice");
        assertContains(errors(sample.replace(connectors, "\"connectors\": [\"file\", {\"version\": \"1.0.0\"}]")),
                "connectors[1]");
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

    /** The sample with more flows after its own and its job's steps replaced. */
    private static String withFlows(String flows, String steps) throws IOException {
        return new String(sample(), StandardCharsets.UTF_8)
                .replace("\"mapping\": {\"amount\": \"total\"}}]", "\"mapping\": {\"amount\": \"total\"}}, " + flows + "]")
                .replace("\"steps\": [\"reader\", \"writer\"]", "\"steps\": " + steps);
    }

    @Test
    public void flowsRunOnCacheEventsWithFiltersOnCloseOutsOfAnotherFlowAndOnDemandAsJobSteps() throws Exception {
        ProductDescriptor d = compiling.read("test", withFlows("""
                {"id": "audit", "from": {"flow": "copy", "outcomes": ["failed"]},
                 "stages": [{"map": {"amount": {"simple": "${header._code}"}}}],
                 "to": {"service": "writer", "operation": "upsert"}},
                {"id": "resend", "from": {"service": "reader", "demand": true},
                 "to": {"service": "writer", "operation": "get"}},
                {"id": "big", "from": {"service": "reader", "events": ["inserted", "updated"],
                                       "when": {"updated": {"jq": ".total > 100"}}},
                 "to": {"service": "writer", "operation": "upsert"}}""", "[\"resend\", \"writer\"]")
                .replace("\"schedule\": {\"cron\": \"0 0 2 * * ?\", \"timeZone\": \"Europe/Amsterdam\"}, ", "")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(d.flow("audit").orElseThrow().from().isCloseOut());
        assertEquals(List.of("failed"), d.flow("audit").orElseThrow().from().outcomeKinds());
        assertTrue(d.flow("resend").orElseThrow().from().isOnDemand());
        assertEquals("a job without a schedule runs when started by hand", null, d.job("nightly").orElseThrow().schedule());
        assertEquals(d, compiling.readStored(compiling.write(d)));

        List<String> errors = errors(compiling, withFlows("""
                {"id": "a", "from": {"flow": "b", "outcomes": ["done"]}, "to": {"service": "writer", "operation": "upsert"}},
                {"id": "b", "from": {"flow": "a"}, "to": {"service": "writer", "operation": "upsert"}},
                {"id": "c", "from": {"flow": "nowhere"}, "to": {"service": "writer", "operation": "upsert"}},
                {"id": "d", "from": {"service": "reader", "flow": "copy", "events": ["inserted"]},
                 "to": {"service": "writer", "operation": "upsert"}},
                {"id": "e", "from": {"service": "reader", "events": ["inserted"], "when": {"deleted": {"jq": ".id > 1"},
                 "inserted": {"jq": ".totl > 1 |"}}}, "to": {"service": "writer", "operation": "upsert"}},
                {"id": "f", "from": {"service": "writer", "demand": true, "events": ["inserted"]},
                 "to": {"service": "writer", "operation": "upsert"}},
                {"id": "g", "from": {"flow": "copy"},
                 "stages": [{"map": {"amount": "total"}}], "to": {"service": "writer", "operation": "upsert"}}""",
                "[\"reader\", \"copy\", \"nothing\"]"));
        assertContains(errors, "flows[1].from.outcomes: 'done' is not one of [succeeded, failed]");
        assertContains(errors, "flows[1].from.flow: close-outs go round in a cycle (a → b → a)");
        assertContains(errors, "flows[2].from.flow: close-outs go round in a cycle (b → a → b)");
        assertContains(errors, "flows[3].from.flow: 'nowhere' is not a flow of this product");
        assertContains(errors, "flows[4].from: give either service (cache events, on demand) or flow (close-outs), not both");
        assertContains(errors, "flows[5].from.when.deleted: is not one of the flow's events [inserted]");
        assertContains(errors, "flows[5].from.when.inserted.jq: is not a valid jq expression");
        assertContains(errors, "flows[6].from.service: 'writer' is not a cache-writer service");
        assertContains(errors, "flows[6].from: a flow on demand takes every cached record: it has no events or when");
        assertContains(errors, "flows[7].stages[0].map.amount.field: 'total' is not a field of the record here");
        assertContains(errors, "jobs[0].steps: flow 'copy' runs on its trigger; only a flow on demand (from.demand) can be a job step");
        assertContains(errors, "jobs[0].steps: 'nothing' is not a service or flow of this product");
    }

    @Test
    public void aFlowsOwnConfigsEachTakeOneIntegrationConfigOfTheirType() throws Exception {
        ProductDescriptor d = compiling.read("test", withFlows("""
                {"id": "own", "from": {"service": "reader"},
                 "configs": [{"name": "folder", "type": "path"}, {"name": "size", "type": "integer", "defaultValue": "5"},
                             {"name": "batch", "type": "integer"}],
                 "configMapping": {"folder": "inbox"},
                 "stages": [{"map": {"amount": {"config": "size"}}}], "to": {"service": "writer", "operation": "upsert"}}""",
                "[\"reader\", \"writer\"]").getBytes(StandardCharsets.UTF_8));
        ProductDescriptor.FlowDef own = d.flow("own").orElseThrow();
        assertEquals("inbox", own.configSource("folder"));
        assertEquals("batch", own.configSource("batch")); // the integration config of the same name
        assertEquals(d, compiling.readStored(compiling.write(d)));

        List<String> errors = errors(compiling, withFlows("""
                {"id": "own", "from": {"service": "reader"},
                 "configs": [{"name": "folder", "type": "string"}, {"name": "limit", "type": "integer"}],
                 "configMapping": {"folder": "inbox", "colour": "batch", "limit": "nothing"},
                 "stages": [{"map": {"amount": {"config": "inbox"}}}], "to": {"service": "writer", "operation": "upsert"}},
                {"id": "none", "from": {"service": "reader"}, "configMapping": {"x": "inbox"},
                 "to": {"service": "writer", "operation": "upsert"}}""", "[\"reader\", \"writer\"]"));
        assertContains(errors, "flows[1].configs[0].type: flow config 'folder' is string but integration config 'inbox' that feeds it is path");
        assertContains(errors, "flows[1].configs[1]: flow config 'limit' has no source");
        assertContains(errors, "flows[1].configMapping.colour: is not a config of the flow");
        assertContains(errors, "flows[1].configMapping.limit: 'nothing' is not an integration config of this product");
        assertContains(errors, "flows[1].stages[0].map.amount.config: 'inbox' is not a config of this product");
        assertContains(errors, "flows[2].configMapping: maps configs of the flow, but the flow declares none");
        assertContains(errors(compiling, withFlows("""
                {"id": "twice", "from": {"service": "reader"}, "configs": [{"name": "folder", "type": "path"}],
                 "configMapping": {"folder": "inbox", "folder": "home"}, "to": {"service": "writer", "operation": "upsert"}}""",
                "[\"reader\", \"writer\"]")), "Duplicate field 'folder'");
    }

    private static final String CLEANUP = """
            {"format": 2, "id": "cleanup", "version": "1.2.0", "name": "Cleanup",
             "configs": [{"name": "factor", "type": "integer", "defaultValue": "100"}],
             "stages": [{"filter": {"jq": ".total != null"}}, {"map": {"amount": {"simple": "${header.total}"}}}]}""";

    /** Installed shared flows: each descriptor read with the reader's own checks. */
    private SharedFlows installed(String... descriptors) throws DescriptorException {
        List<SharedFlowDescriptor> flows = new java.util.ArrayList<>();
        for (String d : descriptors) {
            flows.add(compiling.readSharedFlow("test", d.getBytes(StandardCharsets.UTF_8)));
        }
        return dev.ferry.engine.product.SharedFlowCatalog.of(flows);
    }

    @Test
    public void aFlowUsesTheNewestSharedFlowInItsRangeAndIsCheckedWithItsStages() throws Exception {
        String product = new String(sample(), StandardCharsets.UTF_8).replace("\"mapping\": {\"amount\": \"total\"}",
                "\"shared\": {\"id\": \"cleanup\", \"version\": \"[1.0.0,2.0.0)\"}, \"configMapping\": {\"factor\": \"batch\"},"
                        + " \"stages\": [{\"map\": {\"id\": \"id\"}}]");
        ProductDescriptor d = compiling.read("test", product.getBytes(StandardCharsets.UTF_8),
                installed(CLEANUP, CLEANUP.replace("1.2.0", "1.0.1"), CLEANUP.replace("1.2.0", "2.0.0")));
        ProductDescriptor.FlowDef flow = d.flows().get(0);
        assertEquals("1.2.0", flow.shared().resolved());
        assertEquals("the shared flow's stages, then the flow's own", 3, flow.allStages().size());
        assertEquals("flows[0].shared(cleanup 1.2.0).stages[1]", flow.stagePath("flows[0]", 1));
        assertEquals("flows[0].stages[0]", flow.stagePath("flows[0]", 2));
        assertEquals(List.of("factor"), flow.allConfigs().stream().map(ProductDescriptor.ConfigDef::name).toList());
        assertEquals("the stored form keeps what was found", d, compiling.readStored(compiling.write(d)));

        assertContains(errors(product), "flows[0].shared: no version of shared flow 'cleanup' in [1.0.0,2.0.0) is"
                + " installed (none is)");
        List<String> errors;
        try {
            compiling.read("test", product.replace("[1.0.0,2.0.0)", "[3.0.0,4.0.0)").getBytes(StandardCharsets.UTF_8),
                    installed(CLEANUP));
            fail("no 3.x installed");
            return;
        } catch (DescriptorException e) {
            errors = e.errors();
        }
        assertContains(errors, "(installed: 1.2.0)");
        try {
            compiling.read("test", product.replace("\"factor\": \"batch\"", "\"factor\": \"inbox\"")
                    .replace("\"stages\": [{\"map\": {\"id\": \"id\"}}]", "\"stages\": [{\"map\": {\"id\": \"nope\"}}]")
                    .getBytes(StandardCharsets.UTF_8), installed(CLEANUP.replace(".total != null", ".totl != null | x")));
            fail("refused");
        } catch (DescriptorException e) {
            errors = e.errors();
        }
        assertContains(errors, "stages[0].filter.jq: is not a valid jq expression"); // the shared flow's own check
    }

    @Test
    public void aSharedFlowIsCheckedOnItsOwnAndItsProductsAgainstIt() throws Exception {
        String product = new String(sample(), StandardCharsets.UTF_8).replace("\"mapping\": {\"amount\": \"total\"}",
                "\"shared\": {\"id\": \"cleanup\", \"version\": \"1.0\"}, \"configMapping\": {\"factor\": \"inbox\"},"
                        + " \"stages\": [{\"map\": {\"id\": \"nope\"}}]");
        List<String> errors;
        try {
            compiling.read("test", product.getBytes(StandardCharsets.UTF_8), installed(CLEANUP.replace("${header.total}", "${header.total}")));
            fail("refused");
            return;
        } catch (DescriptorException e) {
            errors = e.errors();
        }
        assertContains(errors, "flows[0].shared(cleanup 1.2.0).configs[0].type: flow config 'factor' is integer but"
                + " integration config 'inbox' that feeds it is path");
        assertContains(errors, "flows[0].stages[0].map.id.field: 'nope' is not a field of the record here");
        try {
            compiling.readSharedFlow("test", """
                    {"id": "Bad Id", "version": "one", "stages": [{"map": {"x": {"config": "nowhere"}}}, {}]}"""
                    .getBytes(StandardCharsets.UTF_8));
            fail("refused");
        } catch (DescriptorException e) {
            errors = e.errors();
        }
        assertContains(errors, "id: must be a lower-case slug");
        assertContains(errors, "version: must be a semantic version");
        assertContains(errors, "name: is required");
        assertContains(errors, "stages[0].map.x.config: 'nowhere' is not a config");
        assertContains(errors, "stages[1]: give exactly one of filter, map, processor or lookup");
        assertContains(errors(product.replace("\"version\": \"1.0\"}", "\"version\": \"1.0\", \"resolved\": \"1.0.0\"}")),
                "flows[0].shared: resolved, stages and configs are filled in by Ferry");
    }

    @Test
    public void aFlowTemplateIsReadAsOneAndItsStagesReadAlone() throws Exception {
        ProductDescriptor d = reader.read("test", new String(sample(), StandardCharsets.UTF_8)
                .replace("\"from\": {\"service\": \"reader\"}", "\"template\": true, \"from\": {\"service\": \"reader\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(d.flows().get(0).templated());
        assertEquals(d, reader.readStored(reader.write(d)));
        List<ProductDescriptor.StageDef> stages = reader.readStages("copy", "{\"stages\": [{\"map\": {\"a\": \"b\"}}]}");
        assertEquals("map", stages.get(0).kind());
        assertEquals(stages, reader.readStages("copy", reader.writeStages(stages)));
        try {
            reader.readStages("copy", "[{\"map\": {\"a\": \"b\"}}, {\"filtre\": \"x\"}]");
            fail("refused");
        } catch (DescriptorException e) {
            assertContains(e.errors(), "stages[1]");
        }
    }

    @Test
    public void anObjectLikeAnotherServicesHasItsFieldsAndKey() throws Exception {
        String sample = new String(sample(), StandardCharsets.UTF_8);
        String like = sample.replace("\"object\": {\"name\": \"orders\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"amount\", \"type\": \"decimal\"}],\n                \"primaryKey\": [\"id\"], \"options\": {\"table\": \"ORDERS\"}}",
                "\"object\": {\"name\": \"orders\", \"like\": \"reader\", \"options\": {\"table\": \"ORDERS\"}}")
                .replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": []");
        assertTrue("the sample was changed", like.contains("\"like\": \"reader\""));
        ProductDescriptor d = reader.read("test", like.getBytes(StandardCharsets.UTF_8));
        assertEquals(d.service("reader").orElseThrow().object().fields(), d.service("writer").orElseThrow().object().fields());
        assertEquals(List.of("id"), d.service("writer").orElseThrow().object().primaryKey());
        assertEquals("ORDERS", d.service("writer").orElseThrow().object().options().get("table"));
        assertEquals(d, reader.readStored(reader.write(d)));
        assertContains(errors(like.replace("\"like\": \"reader\"", "\"like\": \"nobody\"")),
                "services[1].object.like: 'nobody' is not a service of this product");
        assertContains(errors(like.replace("\"like\": \"reader\"", "\"like\": \"reader\", \"primaryKey\": [\"id\"]")),
                "services[1].object: give either like or fields and primaryKey, not both");
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

    @Test
    public void aConfigReplacesConfigsOfEarlierVersionsOnly() throws Exception {
        String sample = new String(sample(), StandardCharsets.UTF_8);
        ProductDescriptor d = reader.read("test", sample.replace("{\"name\": \"inbox\", \"type\": \"path\", \"required\": true}",
                "{\"name\": \"inbox\", \"type\": \"path\", \"required\": true, \"replaces\": [\"sourceDir\"]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("sourceDir"), d.config("inbox").orElseThrow().replaces());
        assertEquals(d, reader.readStored(reader.write(d)));
        List<String> errors = errors(sample
                .replace("{\"name\": \"inbox\", \"type\": \"path\", \"required\": true}",
                        "{\"name\": \"inbox\", \"type\": \"path\", \"required\": true, \"replaces\": [\"batch\", \"dir\"]}")
                .replace("\"defaultValue\": \"100\"}", "\"defaultValue\": \"100\", \"replaces\": [\"dir\"]}"));
        assertContains(errors, "configs[0].replaces: 'batch' is a config of this version");
        assertContains(errors, "configs[1].replaces: 'dir' is replaced by two configs");
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
