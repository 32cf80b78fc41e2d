package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;
import org.junit.ClassRule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** http-json keeps the connector contract on a real json-server, paging through its resource ten items at a time. */
public class HttpJsonContractTest extends ConnectorContract {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @ClassRule
    public static final JsonServer SERVER = new JsonServer("{\"contacts\": []}");

    @Override
    protected Connector connector() {
        return new HttpJsonConnector();
    }

    @Override
    protected String module() {
        return HttpJsonConnector.MODULE;
    }

    @Override
    protected Config connection() {
        return Fixtures.connection(SERVER.url(""), "discoveryPath", "db");
    }

    @Override
    protected Config unreachable() {
        return Fixtures.connection("http://127.0.0.1:9", "retries", "0");
    }

    @Override
    protected DataObject object() {
        return DataObject.builder("contacts")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .field(new FieldSpec("updatedAt", FieldType.TIMESTAMP, false))
                .primaryKey("id")
                .options(Fixtures.config("pagination", "page", "pageParam", "_page", "sizeParam", "_limit",
                        "pageSize", "10", "updatedField", "updatedAt", "updatedParam", "updatedAt_gte"))
                .build();
    }

    @Override
    protected DataRecord record(int n) {
        return contact(n, "Contact " + n, T0.plusSeconds(60L * n));
    }

    private static DataRecord contact(long id, String name, Instant updatedAt) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("updatedAt", updatedAt);
        return DataRecord.of(values);
    }

    @Override
    protected void seed(List<DataRecord> records) throws Exception {
        for (com.fasterxml.jackson.databind.JsonNode item : ApiConnection.JSON.readTree(SERVER.get("/contacts"))) {
            SERVER.send("DELETE", "/contacts/" + item.get("id").asLong(), null);
        }
        for (DataRecord r : records) {
            SERVER.send("POST", "/contacts", dev.ferry.connector.api.data.Json.record(r));
        }
    }

    @Override
    protected DataRecord change(int n) throws Exception {
        DataRecord changed = contact(n, "Changed " + n, T0.plusSeconds(86_400));
        SERVER.send("PATCH", "/contacts/" + n, dev.ferry.connector.api.data.Json.record(changed));
        return changed;
    }

    /** A bearer token the API refuses; the API echoes it back in its answer. */
    @Override
    protected Config withSecret(String secret) {
        return Fixtures.connection(SERVER.url("/bearer"), "auth", "bearer", "token", secret);
    }
}
