package dev.ferry.engine.flow;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.ferry.engine.data.CacheEvent;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.engine.descriptor.ProductDescriptor.LookupDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * A flow's stages on a page of records, in a CamelContext with Camel's own languages: filters keep what their value
 * says, maps set fields from fields, constants, configs and expressions, and a record a stage cannot evaluate is
 * reported with its key, the stage's path and the reason while the others go on.
 */
public class FlowStageTest {

    private static CamelContext camel;
    private final List<String> rejected = new ArrayList<>();
    private final Map<String, String> configs = Map.of("country", "NL", "sourceTag", "csv");

    @BeforeClass
    public static void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterClass
    public static void stopCamel() {
        camel.stop();
    }

    @Test
    public void aSimpleFilterKeepsTheRecordsWhoseValueIsTrueAndLetsDeletionsPass() {
        FlowStage stage = stage(new StageDef(simple("${header.country} == ${exchangeProperty.country}"), null));
        List<CacheEvent> out = run(stage, List.of(
                inserted("1", Map.of("id", 1L, "country", "NL")),
                inserted("2", Map.of("id", 2L, "country", "DE")),
                updated("3", Map.of("id", 3L, "country", "NL")),
                deleted("4", Map.of("id", 4L))));
        assertEquals(List.of("1", "3", "4"), keys(out));
        assertTrue(rejected.isEmpty());
    }

    @Test
    public void headersIgnoreCaseAsCamelsDo() {
        List<CacheEvent> out = run(stage(new StageDef(simple("${header.COUNTRY} == 'NL'"), null)), List.of(
                inserted("1", Map.of("id", 1L, "country", "NL")), inserted("2", Map.of("id", 2L, "country", "DE"))));
        assertEquals(List.of("1"), keys(out));
    }

    @Test
    public void aJqFilterSeesTheRecordAsJson() {
        FlowStage stage = stage(new StageDef(jq(".amount > 10"), null));
        List<CacheEvent> out = run(stage, List.of(
                inserted("1", Map.of("id", 1L, "amount", new BigDecimal("12.50"))),
                inserted("2", Map.of("id", 2L, "amount", new BigDecimal("9.99")))));
        assertEquals(List.of("1"), keys(out));
    }

    @Test
    public void aMapSetsFieldsFromFieldsConstantsConfigsAndExpressionsAndKeepsTheOthers() {
        Map<String, ValueDef> map = new LinkedHashMap<>();
        map.put("NAME", ValueDef.ofField("fullName"));
        map.put("EMAIL", jq(".email | ascii_downcase"));
        map.put("AMOUNT_CENTS", jq(".amount * 100 | round")); // jq counts in doubles: 19.99 * 100 is 1998.99…
        map.put("SOURCE", new ValueDef(null, null, "sourceTag", null, null));
        map.put("VERSION", new ValueDef(null, IntNode.valueOf(2), null, null, null));
        map.put("GREETING", simple("Hello ${body[fullName]}"));
        List<CacheEvent> out = run(stage(new StageDef(null, map)), List.of(inserted("7", Map.of(
                "id", 7L, "fullName", "Ada Lovelace", "email", "Ada@Example.COM", "amount", new BigDecimal("19.99")))));
        Map<String, Object> v = out.get(0).values();
        assertEquals("Ada Lovelace", v.get("NAME"));
        assertEquals("ada@example.com", v.get("EMAIL"));
        assertEquals(1999L, ((Number) v.get("AMOUNT_CENTS")).longValue());
        assertEquals("csv", v.get("SOURCE"));
        assertEquals(2, ((Number) v.get("VERSION")).intValue());
        assertEquals("Hello Ada Lovelace", v.get("GREETING"));
        assertEquals("the record's own fields stay for later stages", 7L, v.get("id"));
    }

    @Test
    public void aRecordAStageCannotEvaluateIsReportedWithItsKeyAndTheOthersGoOn() {
        Map<String, ValueDef> map = new LinkedHashMap<>();
        map.put("EMAIL", jq(".email | ascii_downcase"));
        List<CacheEvent> out = run(stage(new StageDef(null, map)), List.of(
                inserted("1", Map.of("id", 1L, "email", "A@B.NL")),
                inserted("2", Map.of("id", 2L, "email", 42L)),
                inserted("3", Map.of("id", 3L, "email", "C@D.NL"))));
        assertEquals(List.of("1", "3"), keys(out));
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0), rejected.get(0).startsWith("contacts | record 2 | flows[0].stages[0].map.EMAIL: "));
    }

    @Test
    public void aJqFilterOnAMisspeltFieldRejectsTheRecordRatherThanDropIt() {
        List<CacheEvent> out = run(stage(new StageDef(jq(".actve"), null)), List.of(inserted("1", Map.of("id", 1L, "active", true))));
        assertTrue(out.isEmpty());
        assertEquals(List.of("contacts | record 1 | flows[0].stages[0].filter: is empty, not true or false"), rejected);
    }

    @Test
    public void aJqValueWithSeveralResultsRejectsTheRecord() {
        Map<String, ValueDef> map = new LinkedHashMap<>();
        map.put("PARTS", jq(".name | split(\" \") | .[]"));
        List<CacheEvent> out = run(stage(new StageDef(null, map)), List.of(inserted("1", Map.of("id", 1L, "name", "Ada Lovelace"))));
        assertTrue(out.isEmpty());
        assertTrue(rejected.toString(), rejected.get(0).endsWith("map.PARTS: the jq expression gives 2 values, not one"));
    }

    @Test
    public void aFilterWhoseValueIsNotTrueOrFalseRejectsTheRecord() {
        FlowStage stage = stage(new StageDef(ValueDef.ofField("country"), null));
        List<CacheEvent> out = run(stage, List.of(inserted("1", Map.of("id", 1L, "country", "NL"))));
        assertTrue(out.isEmpty());
        assertEquals(List.of("contacts | record 1 | flows[0].stages[0].filter: is 'NL', not true or false"), rejected);
    }

    @Test
    public void aMapSetsOnlyTheTargetKeyOnADeletion() {
        Map<String, ValueDef> map = new LinkedHashMap<>();
        map.put("ID", ValueDef.ofField("id"));
        map.put("EMAIL", jq(".email | ascii_downcase")); // the deletion has no email: not evaluated
        List<CacheEvent> out = run(stage(new StageDef(null, map)), List.of(deleted("5", Map.of("id", 5L))));
        assertEquals(5L, out.get(0).values().get("ID"));
        assertTrue(rejected.isEmpty());
    }

    @Test
    public void onlyTheFieldsASimpleExpressionNamesAreSetAsHeadersUnlessItCannotBeTold() {
        assertEquals(Set.of("country"), FlowValue.headersNamed(List.of(simple("${header.country} == 'NL'"))));
        assertEquals(Set.of("first_name", "x", "y"), FlowValue.headersNamed(List.of(
                simple("${headers[first_name]} ${in.header.x}"), simple("${header['y']}"), jq(".header"))));
        assertEquals(null, FlowValue.headersNamed(List.of(simple("${headers}"))));
        assertEquals(null, FlowValue.headersNamed(List.of(simple("${headerAs(age, Integer)} > 3"))));
        assertEquals("a dotted or accented name is not guessed at", null,
                FlowValue.headersNamed(List.of(simple("${header[customer.email]} ${header.prénom}"))));
    }

    @Test
    public void aProcessorChangesEachRecordAsAMapSeesKeyChangeAndConfigsAndMayLeaveRecordsOut() {
        List<String> seen = new ArrayList<>();
        Processor normalize = exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = exchange.getIn().getBody(Map.class);
            seen.add(exchange.getIn().getHeader(FlowStage.RECORD_KEY) + ":" + exchange.getIn().getHeader(FlowStage.CHANGE));
            if ("skip".equals(record.get("phone"))) {
                exchange.getIn().setBody(null);
                return;
            }
            record.put("phone", String.valueOf(record.get("phone")).replaceAll("[^0-9+]", ""));
            record.put("tag", exchange.getProperty("sourceTag"));
            record.remove("internal");
        };
        Map<String, Object> first = new LinkedHashMap<>(Map.of("id", 1L, "phone", "+31 (20) 555-0100", "internal", "x"));
        List<CacheEvent> out = run(stage(StageDef.processor("contacts.normalize"),
                FlowProcessors.of(Map.of("contacts.normalize", normalize))), List.of(
                inserted("1", first),
                updated("2", Map.of("id", 2L, "phone", "skip")),
                deleted("3", Map.of("id", 3L))));

        assertEquals(List.of("1:inserted", "2:updated"), seen); // deletions are not handed to the processor
        assertEquals(List.of("1", "3"), keys(out));
        assertEquals(Map.of("id", 1L, "phone", "+31205550100", "tag", "csv"), out.get(0).values());
        assertEquals("the cache's record is not changed", "x", first.get("internal"));
        assertEquals(CacheEvent.Kind.DELETED, out.get(1).kind());
        assertTrue(rejected.isEmpty());
    }

    @Test
    public void aRecordTheProcessorFailsOnIsReportedWithItsKeyAndTheOthersGoOn() {
        Processor picky = exchange -> {
            Object id = exchange.getIn().getBody(Map.class).get("id");
            if (id.equals(2L)) {
                throw new IllegalArgumentException("no phone number");
            }
            if (id.equals(3L)) {
                exchange.getIn().setBody("not a record");
            }
            if (id.equals(4L)) {
                exchange.setException(new IllegalStateException("lookup service down"));
            }
        };
        List<CacheEvent> out = run(stage(StageDef.processor("picky"), FlowProcessors.of(Map.of("picky", picky))),
                List.of(inserted("1", Map.of("id", 1L)), inserted("2", Map.of("id", 2L)),
                        inserted("3", Map.of("id", 3L)), inserted("4", Map.of("id", 4L))));
        assertEquals(List.of("1"), keys(out));
        assertEquals(List.of(
                "contacts | record 2 | flows[0].stages[0].processor: no phone number",
                "contacts | record 3 | flows[0].stages[0].processor: processor 'picky' returned a java.lang.String, "
                        + "not the record as a Map of field names to values",
                "contacts | record 4 | flows[0].stages[0].processor: lookup service down"), rejected);
    }

    @Test
    public void aPageMeetingNoProcessorOfItsNameFailsSoNothingIsLost() {
        FlowStage stage = stage(StageDef.processor("contacts.gone"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(stage, List.of(inserted("1", Map.of("id", 1L)))));
        assertEquals("flow contacts flows[0].stages[0]: processor 'contacts.gone' is not available (no OSGi service "
                + "org.apache.camel.Processor with ferry.processor=contacts.gone is registered; is the bundle that "
                + "offers it started?)", e.getMessage());
    }

    @Test
    public void aLookupSetsFieldsFromTheRecordItsKeyNamesInOneQueryAPage() {
        List<CacheEvent> out = run(stage(lookup(null)), List.of(
                inserted("1", Map.of("id", 1L, "accountNo", "42")), // a string key finds the integer-keyed account
                updated("2", Map.of("id", 2L, "accountNo", 7L)),
                deleted("3", Map.of("id", 3L))));
        assertEquals(List.of("1", "2", "3"), keys(out));
        assertEquals("Acme", out.get(0).values().get("ACCOUNT_NAME"));
        assertEquals("gold", out.get(0).values().get("TIER"));
        assertEquals("Bakery", out.get(1).values().get("ACCOUNT_NAME"));
        assertEquals(null, out.get(1).values().get("TIER"));
        assertEquals("deletions are left as they are", Map.of("id", 3L), out.get(2).values());
        assertEquals(List.of(List.of("42", "7")), lookedUp);
        assertTrue(rejected.isEmpty());
    }

    @Test
    public void aKeyNotFoundIsRejectedDroppedOrKeptAsTheStageSays() {
        List<CacheEvent> page = List.of(inserted("1", Map.of("id", 1L, "accountNo", 99L)),
                inserted("2", Map.of("id", 2L, "accountNo", 42L)), inserted("3", new HashMap<>(Map.of("id", 3L))));
        assertEquals(List.of("2"), keys(run(stage(lookup("reject")), page)));
        assertEquals(List.of(
                "contacts | record 1 | flows[0].stages[0].lookup: key 99 is not in the cache of service 'accounts-reader'",
                "contacts | record 3 | flows[0].stages[0].lookup: it has no key value to look up in service 'accounts-reader'"),
                rejected);
        rejected.clear();
        assertEquals(List.of("2"), keys(run(stage(lookup("drop")), page)));
        List<CacheEvent> kept = run(stage(lookup("keep")), page);
        assertEquals(List.of("1", "2", "3"), keys(kept));
        assertTrue(kept.get(0).values().containsKey("ACCOUNT_NAME"));
        assertEquals(null, kept.get(0).values().get("ACCOUNT_NAME"));
        assertTrue(rejected.isEmpty());
    }

    @Test
    public void aKeyValueThatDoesNotFitTheKeyFieldRejectsTheRecord() {
        List<CacheEvent> out = run(stage(lookup(null)), List.of(inserted("1", Map.of("id", 1L, "accountNo", "A-42")),
                inserted("2", Map.of("id", 2L, "accountNo", 42L))));
        assertEquals(List.of("2"), keys(out));
        assertEquals(1, rejected.size());
        assertEquals("contacts | record 1 | flows[0].stages[0].lookup.key[0]: does not fit key field 'number' of service "
                + "'accounts-reader': 'A-42' is not an integer", rejected.get(0));
    }

    private FlowStage stage(StageDef def) {
        return stage(def, FlowProcessors.of(Map.of()));
    }

    private FlowStage stage(StageDef def, FlowProcessors processors) {
        return new FlowStage(camel, "contacts", "flows[0].stages[0]", def, Set.of("ID"), configs,
                (run, step, location, reason) -> rejected.add(step + " | " + location + " | " + reason), processors,
                accounts);
    }

    /** The accounts-reader service's cache: accounts by number, a one-field integer key. */
    private final List<java.util.Collection<String>> lookedUp = new ArrayList<>();
    private final FlowStage.Lookups accounts = new FlowStage.Lookups() {
        @Override
        public DataObject object(String service) {
            assertEquals("accounts-reader", service);
            return new DataObject("accounts", List.of(new FieldSpec("number", FieldType.INTEGER, true),
                    new FieldSpec("name", FieldType.STRING, false), new FieldSpec("tier", FieldType.STRING, false)),
                    List.of("number"), null);
        }

        @Override
        public Map<String, Map<String, Object>> find(String service, java.util.Collection<String> keys) {
            lookedUp.add(List.copyOf(keys));
            Map<String, Map<String, Object>> cache = Map.of(
                    "42", Map.of("number", 42L, "name", "Acme", "tier", "gold"),
                    "7", Map.of("number", 7L, "name", "Bakery"));
            Map<String, Map<String, Object>> found = new LinkedHashMap<>();
            keys.stream().filter(cache::containsKey).forEach(k -> found.put(k, cache.get(k)));
            return found;
        }
    };

    private static StageDef lookup(String missing) {
        return new StageDef(null, null, null, new LookupDef("accounts-reader", List.of(ValueDef.ofField("accountNo")),
                Map.of("ACCOUNT_NAME", "name", "TIER", "tier"), missing));
    }

    @SuppressWarnings("unchecked")
    private static List<CacheEvent> run(FlowStage stage, List<CacheEvent> page) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(page);
        stage.process(exchange);
        return exchange.getIn().getBody(List.class);
    }

    private static List<String> keys(List<CacheEvent> events) {
        return events.stream().map(CacheEvent::key).toList();
    }

    private static ValueDef simple(String text) {
        return new ValueDef(null, null, null, text, null);
    }

    private static ValueDef jq(String text) {
        return new ValueDef(null, null, null, null, text);
    }

    private static CacheEvent inserted(String key, Map<String, Object> values) {
        return new CacheEvent(CacheEvent.Kind.INSERTED, key, values, "r/contacts-reader");
    }

    private static CacheEvent updated(String key, Map<String, Object> values) {
        return new CacheEvent(CacheEvent.Kind.UPDATED, key, values, "r/contacts-reader");
    }

    private static CacheEvent deleted(String key, Map<String, Object> values) {
        return new CacheEvent(CacheEvent.Kind.DELETED, key, values, "r/contacts-reader");
    }
}
