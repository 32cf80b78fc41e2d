package dev.ferry.engine.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ferry.engine.expression.FlowLanguages;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The published descriptor schema ({@code docs/product.schema.json}, served at {@code GET /schemas/product}) and its
 * reference page ({@code docs/products.md}) agree with each other and with what Ferry ships: every key of the schema
 * is described on the page, every product in the repository matches the schema, and the page's example passes
 * Ferry's own checks.
 */
public class ProductSchemaTest {

    private static final Path ROOT = Path.of("../..");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schemaNode() throws IOException {
        try (InputStream in = ProductSchemaTest.class.getResourceAsStream(DescriptorReader.SCHEMA_RESOURCE)) {
            assertNotNull("the schema is packaged with the engine at " + DescriptorReader.SCHEMA_RESOURCE, in);
            return JSON.readTree(in);
        }
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode());
    }

    @Test
    public void thePackagedSchemaIsTheOneInDocs() throws IOException {
        assertEquals(JSON.readTree(Files.readString(ROOT.resolve("docs/product.schema.json"))), schemaNode());
    }

    private static List<Path> inRepository(String file) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.endsWith(Path.of("META-INF/ferry/" + file)))
                    .filter(p -> p.toString().contains("/src/")).collect(Collectors.toList());
        }
    }

    @Test
    public void everyProductAndSharedFlowInTheRepositoryMatchesItsSchema() throws IOException {
        DescriptorReader ferry = new DescriptorReader(FlowLanguages::problem);
        asInKaraf();
        JsonSchema sharedSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(DescriptorReader.sharedFlowSchema(schemaNode().toString())));
        List<SharedFlowDescriptor> shared = new java.util.ArrayList<>();
        for (Path p : inRepository("flow.json")) {
            Set<ValidationMessage> errors = sharedSchema.validate(JSON.readTree(Files.readString(p)));
            assertTrue(p + ": " + errors, errors.isEmpty());
            try {
                shared.add(ferry.readSharedFlow(p.toString(), Files.readAllBytes(p)));
            } catch (DescriptorException e) {
                throw new AssertionError(p + ": " + e.errors(), e);
            }
        }
        SharedFlows installed = dev.ferry.engine.product.SharedFlowCatalog.of(shared);
        List<Path> descriptors = inRepository("product.json");
        assertTrue("the shipped products are found: " + descriptors, descriptors.size() >= 6);
        JsonSchema schema = schema();
        for (Path p : descriptors) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(Files.readString(p)));
            assertTrue(p + ": " + errors, errors.isEmpty());
            try {
                ferry.read(p.toString(), Files.readAllBytes(p), installed); // and Ferry's own checks
            } catch (DescriptorException e) {
                throw new AssertionError(p + ": " + e.errors(), e);
            }
        }
    }

    @Test
    public void theSchemaRefusesWhatFerryRefuses() throws IOException {
        JsonNode sample = JSON.readTree(DescriptorReaderTest.sample());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample).put("colour", "blue");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample.path("flows").get(0))
                .set("stages", JSON.readTree("[{\"filter\": \"total\", \"map\": {\"a\": \"b\"}}]"));
        String errors = schema().validate(sample).toString();
        assertTrue(errors, errors.contains("colour"));
        assertTrue(errors, errors.contains("stages[0]") || errors.contains("stages/0"));
    }

    @Test
    public void ferrysOwnSchemaCheckReadsEveryKeywordTheSchemaUses() throws IOException {
        Set<String> used = new TreeSet<>();
        collectKeywords(schemaNode(), used);
        used.removeAll(Set.of("$schema", "$id", "$defs", "title", "description", "default"));
        assertTrue("keywords the schema uses that SchemaCheck does not read: " + used,
                SchemaCheck.KEYWORDS.containsAll(used));
    }

    /** The schema's keywords: the keys of every schema object, not the names under properties or $defs. */
    private static void collectKeywords(JsonNode schema, Set<String> out) {
        if (schema.isArray()) {
            schema.forEach(s -> collectKeywords(s, out));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey());
            if (e.getKey().equals("properties") || e.getKey().equals("$defs")) {
                e.getValue().forEach(s -> collectKeywords(s, out));
            } else if (!e.getKey().equals("enum") && !e.getKey().equals("const") && !e.getKey().equals("required")) {
                collectKeywords(e.getValue(), out);
            }
        }
    }

    /** Broken in one place each: Ferry's check and a full JSON Schema validator agree on whether each fits. */
    @Test
    public void ferrysSchemaCheckAgreesWithAFullValidator() throws IOException {
        String sample = new String(DescriptorReaderTest.sample(), StandardCharsets.UTF_8);
        List<String> variants = List.of(sample,
                sample.replace("\"version\": \"2.1.0\"", "\"version\": 2"),
                sample.replace("\"version\": \"2.1.0\"", "\"version\": \"two\""),
                sample.replace("\"name\": \"Orders\"", "\"name\": \"\""),
                sample.replace("\"connectors\": [\"file\", \"jdbc\"]", "\"connectors\": []"),
                sample.replace("\"type\": \"path\", \"required\": true}", "\"type\": \"folder\", \"required\": true}"),
                sample.replace("\"required\": true}", "\"required\": \"yes\"}"),
                sample.replace("\"mode\": \"full\"", "\"mode\": \"sometimes\""),
                sample.replace("\"from\": {\"service\": \"reader\"}", "\"from\": {\"service\": \"reader\", \"flow\": \"x\"}"),
                sample.replace("\"from\": {\"service\": \"reader\"}", "\"from\": {}"),
                sample.replace("\"from\": {\"service\": \"reader\"}", "\"from\": {\"service\": \"reader\", \"events\": \"inserted\"}"),
                sample.replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": [{\"map\": {\"a\": 5}}]"),
                sample.replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": [{\"map\": {\"a\": {\"jq\": \".a\", \"simple\": \"b\"}}}]"),
                sample.replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": [{\"filter\": \"a\", \"map\": {\"a\": \"b\"}}]"),
                sample.replace("\"mapping\": {\"amount\": \"total\"}", "\"stages\": [{\"lookup\": {\"service\": \"reader\"}}]"),
                sample.replace("\"mapping\": {\"amount\": \"total\"}", "\"configs\": [{\"name\": \"x\"}]"),
                sample.replace("\"steps\": [\"reader\", \"writer\"]", "\"steps\": []"),
                sample.replace("\"timeZone\": \"Europe/Amsterdam\"", "\"timeZone\": 1"),
                sample.replace("\"id\": \"orders\",", "\"id\": \"Orders!\","),
                sample.replace("\"id\": \"orders\",", "\"id\": \"orders\", \"colour\": \"red\","));
        JsonSchema full = schema();
        for (String v : variants) {
            JsonNode doc = JSON.readTree(v);
            boolean fullFits = full.validate(doc).isEmpty();
            List<String> ours = SchemaCheck.product().problems(doc);
            assertEquals(v + "\nfull validator: " + full.validate(doc) + "\nFerry's: " + ours, fullFits, ours.isEmpty());
        }
    }

    @Test
    public void everyProblemOfADescriptorIsReportedAtOnceWithItsPath() throws Exception {
        String broken = new String(DescriptorReaderTest.sample(), StandardCharsets.UTF_8)
                .replace("\"version\": \"2.1.0\"", "\"version\": 2")
                .replace("\"required\": true}", "\"required\": \"yes\"}")
                .replace("\"mode\": \"full\"", "\"mode\": \"sometimes\", \"colour\": \"red\"")
                .replace("\"from\": {\"service\": \"reader\"}", "\"from\": {\"service\": \"reader\", \"events\": \"inserted\"}")
                .replace("\"timeZone\": \"Europe/Amsterdam\"", "\"timeZone\": 1");
        List<String> errors;
        try {
            new DescriptorReader(FlowLanguages::problem).read("test", broken.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("refused");
        } catch (DescriptorException e) {
            errors = e.errors();
        }
        for (String expected : List.of("version: must be a string, not the number 2",
                "configs[0].required: must be a boolean, not the text 'yes'",
                "services[0].mode: 'sometimes' is not one of [full, incremental]",
                "services[0].colour: is not a key here",
                "flows[0].from.events: must be an array, not the text 'inserted'",
                "jobs[0].schedule.timeZone: must be a string, not the number 1")) {
            assertTrue(expected + " not in " + errors, errors.stream().anyMatch(e -> e.startsWith(expected)));
        }
        assertEquals(errors.toString(), 6, errors.size());
        assertFalse("no Java class names: " + errors, errors.toString().contains("dev.ferry"));
    }

    @Test
    public void everyKeyOfTheSchemaIsOnTheReferencePage() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/products.md"));
        Set<String> keys = new TreeSet<>();
        collectKeys(schemaNode(), keys);
        List<String> missing = keys.stream().filter(k -> !page.contains("`" + k + "`")).collect(Collectors.toList());
        assertTrue("keys of the schema the reference page does not describe: " + missing, missing.isEmpty());
        assertTrue(keys.containsAll(Set.of("stages", "filter", "map", "jq", "simple", "constant", "timeZone")));
    }

    @Test
    public void theReferencePagesExamplePassesFerrysChecks() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/products.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertTrue("the page has an example", m.find());
        String example = m.group(1);
        asInKaraf();
        assertTrue(schema().validate(JSON.readTree(example)).toString(), schema().validate(JSON.readTree(example)).isEmpty());
        ProductDescriptor d = new DescriptorReader(FlowLanguages::problem).read("docs/products.md",
                example.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, d.flows().get(0).stages().size());
        assertFalse(d.services().isEmpty());
    }

    /** Defaults may use ${karaf.data}, which Karaf sets. */
    private static void asInKaraf() {
        if (System.getProperty("karaf.data") == null) {
            System.setProperty("karaf.data", "/var/ferry/data");
        }
    }

    private static void collectKeys(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(keys::add);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                collectKeys(it.next().getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectKeys(n, keys));
        }
    }
}
