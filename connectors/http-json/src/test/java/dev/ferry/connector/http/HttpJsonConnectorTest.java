package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.ClassRule;
import org.junit.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** What the connector says about itself, the settings it refuses, and what it discovers on a real json-server. */
public class HttpJsonConnectorTest {

    static final String BIG = "x".repeat(10 * 1024 * 1024);

    @ClassRule
    public static final JsonServer SERVER = new JsonServer("{\"customers\": " + Fixtures.customers(3)
            + ", \"orders\": [{\"id\": 7, \"total\": 12.5, \"paid\": true, \"placed\": \"2026-11-30\", \"lines\": [1, 2],"
            + " \"note\": null}, {\"id\": 8, \"total\": 3, \"note\": \"late\", \"at\": \"2026-11-30T10:00:00Z\"}],"
            + " \"settings\": {\"theme\": \"dark\"}, \"big\": [{\"id\": 1, \"name\": \"" + BIG + "\"}],"
            + " \"shipments\": [{\"id\": 8, \"lines\": [1, 2], \"note\": \"late\"}]}");

    private final HttpJsonConnector connector = new HttpJsonConnector();

    @Test
    public void describesItself() {
        assertEquals("http-json", connector.info().id());
        assertTrue(connector.info().version().startsWith("0.1.0"));
        ModuleSpec resource = connector.module("resource");
        assertEquals(Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR), resource.serviceTypes());
        assertEquals(EnumSet.allOf(Operation.class), resource.operations());
        assertEquals(Set.of("password", "apiKey", "token", "clientSecret"), connector.connectionSpec().stream()
                .filter(f -> f.secret()).map(f -> f.name()).collect(Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> connector.cacheWriter("table"));
    }

    @Test
    public void refusesSettingsItCannotUseNamingEach() {
        ConfigException e = assertThrows(ConfigException.class, () -> connector.validate("resource",
                Config.of(Map.of("baseUrl", "ftp://files.example.com", "auth", "basic", "user", "ada",
                        "requestsPerSecond", "-1")), Fixtures.customers()));
        assertEquals(Map.of("baseUrl", "'ftp://files.example.com' is not an http or https URL",
                "password", "is required with auth basic",
                "requestsPerSecond", "-1 is not between 0 and 10000"), problems(e));

        e = assertThrows(ConfigException.class, () -> connector.validate("resource",
                Config.of(Map.of("baseUrl", "https://api.example.com?key=1", "auth", "kerberos")), Fixtures.customers()));
        assertEquals(Set.of("baseUrl", "auth"), problems(e).keySet());

        e = assertThrows(ConfigException.class, () -> connector.validate("resource",
                Fixtures.connection("https://api.example.com"), Fixtures.customers("pagination", "pages",
                        "updatedField", "changed", "query", "?a=1", "items", "data", "updateMethod", "POST",
                        "path", "../admin")));
        assertEquals(Map.of("pagination", "'pages' is not one of none, page, offset, cursor, link",
                "updatedField", "'changed' is not a field of 'customers'",
                "updatedParam", "is needed with updatedField: incremental reads need both",
                "query", "'?a=1' is not a query string such as a=1&b=x (without the leading ?; encode spaces as %20)",
                "items", "'data' is not a JSON pointer (e.g. /data/items)",
                "updateMethod", "'POST' is not PATCH or PUT",
                "path", "'../admin' must be a path below the base URL, without a query (use the 'query' option)"),
                problems(e));

        DataObject composite = DataObject.builder("lines").field(new FieldSpec("order", FieldType.INTEGER, true))
                .field(new FieldSpec("line", FieldType.INTEGER, true)).primaryKey("order", "line").build();
        e = assertThrows(ConfigException.class, () -> connector.validate("resource",
                Fixtures.connection("https://api.example.com"), composite));
        assertEquals(Set.of("primaryKey"), problems(e).keySet());
    }

    @Test
    public void discoversTheResourcesListedAtTheDiscoveryPath() throws Exception {
        List<DiscoveredObject> found = connector.discover(Fixtures.connection(SERVER.url(""), "discoveryPath", "db"));
        assertEquals(List.of("customers", "orders", "big", "shipments"), found.stream().map(DiscoveredObject::name).toList());
        DiscoveredObject orders = found.get(1);
        assertEquals("resource", orders.module());
        assertEquals(Map.of("path", "orders"), orders.options());
        assertEquals(List.of("id"), orders.primaryKey());
        assertEquals(List.of("id:integer", "total:decimal", "paid:boolean", "placed:date", "lines:array",
                "note:string", "at:timestamp"), orders.fields().stream().map(f -> f.name() + ":" + f.type().label()).toList());

        List<DiscoveredObject> one = connector.discover(Fixtures.connection(SERVER.url(""), "discoveryPath", "orders"));
        assertEquals(List.of("orders"), one.stream().map(DiscoveredObject::name).toList());
        assertEquals(List.of(), connector.discover(Fixtures.connection(SERVER.url(""))));
    }

    @Test
    public void aTenMegabyteFieldIsReadWhole() throws Exception {
        DataObject big = DataObject.builder("big").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false)).primaryKey("id").build();
        RecordingReadContext read = new RecordingReadContext(Fixtures.connection(SERVER.url("")), big, ReadMode.FULL, null);
        connector.cacheWriter("resource").read(read);
        assertEquals(1, read.emitted.size());
        assertEquals(BIG.length(), ((String) read.emitted.get(0).get("name")).length());
    }

    @Test
    public void objectAndArrayFieldsReadAndWriteAsNestedJson() throws Exception {
        DataObject orders = DataObject.builder("shipments").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("lines", FieldType.ARRAY, false))
                .field(new FieldSpec("shipTo", FieldType.OBJECT, false)).primaryKey("id").build();
        RecordingReadContext read = new RecordingReadContext(Fixtures.connection(SERVER.url("")), orders, ReadMode.FULL, null);
        connector.cacheWriter("resource").read(read);
        assertEquals(List.of(1L, 2L), read.emitted.get(0).get("lines"));
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("id", 8L);
        values.put("lines", null);
        values.put("shipTo", FieldType.OBJECT.coerce("{\"city\": \"Utrecht\", \"zip\": \"3511\"}"));
        List<dev.ferry.connector.api.action.ActionOutcome> outcomes = connector.actionProcessor("resource").execute(
                dev.ferry.connector.api.action.ActionContext.of(Fixtures.connection(SERVER.url("")), orders),
                List.of(new dev.ferry.connector.api.action.Action(1, dev.ferry.connector.api.action.Operation.UPDATE,
                        dev.ferry.connector.api.data.DataRecord.of(values))));
        assertTrue(outcomes.toString(), outcomes.get(0).succeeded());
        com.fasterxml.jackson.databind.JsonNode stored = SERVER.get("/shipments/8", true);
        assertEquals("Utrecht", stored.path("shipTo").path("city").asText());
        assertEquals("fields Ferry does not know stay", "late", stored.path("note").asText());
    }

    private static Map<String, String> problems(ConfigException e) {
        return e.problems().stream().collect(Collectors.toMap(ConfigException.Problem::field, ConfigException.Problem::reason));
    }
}
