package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Writing to a real json-server: every operation, what survives an update, and how failures end actions. */
public class ResourceActionTest {

    @ClassRule
    public static final JsonServer SERVER = new JsonServer("{\"customers\": " + Fixtures.customers(10) + "}");

    private final HttpJsonConnector connector = new HttpJsonConnector();
    private long nextId = 1;

    @Before
    public void reset() throws Exception {
        SERVER.reset();
    }

    private List<ActionOutcome> run(Config connection, DataObject object, Action... actions) throws ConnectorException {
        return connector.actionProcessor(HttpJsonConnector.MODULE).execute(ActionContext.of(connection, object), List.of(actions));
    }

    private List<ActionOutcome> run(Action... actions) throws ConnectorException {
        return run(Fixtures.connection(SERVER.url("")), Fixtures.customers(), actions);
    }

    private Action action(Operation operation, long id, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        if (name != null) {
            values.put("name", name);
            values.put("score", new BigDecimal("1.25"));
            values.put("active", true);
            values.put("updatedAt", Instant.parse("2026-12-07T08:00:00Z"));
            values.put("tags", null);
        }
        return new Action(nextId++, operation, DataRecord.of(values));
    }

    private static JsonNode stored(long id) throws Exception {
        return SERVER.get("/customers/" + id, true);
    }

    @Test
    public void insertPostsTheRecordWithItsTypesAsJson() throws Exception {
        List<ActionOutcome> outcomes = run(action(Operation.INSERT, 101, "New"));
        assertEquals(List.of("POST /customers"), requests());
        assertTrue(outcomes.get(0).toString(), outcomes.get(0).succeeded());
        JsonNode created = stored(101);
        assertEquals("New", created.get("name").asText());
        assertTrue("a decimal is a JSON number", created.get("score").isNumber());
        assertEquals(new BigDecimal("1.25"), created.get("score").decimalValue());
        assertTrue(created.get("active").booleanValue());
        assertEquals("2026-12-07T08:00:00Z", created.get("updatedAt").asText());
    }

    @Test
    public void anUpdateByPatchKeepsTheFieldsFerryDoesNotKnow() throws Exception {
        assertTrue(stored(5).get("vip").booleanValue());
        SERVER.reset();
        assertTrue(run(action(Operation.UPDATE, 5, "Patched")).get(0).succeeded());
        assertEquals(List.of("PATCH /customers/5"), requests());
        assertEquals("Patched", stored(5).get("name").asText());
        assertTrue("vip is not a field of the object, and stays", stored(5).get("vip").booleanValue());
    }

    @Test
    public void anUpdateByPutReplacesTheItem() throws Exception {
        DataObject put = Fixtures.customers("updateMethod", "put");
        assertTrue(run(Fixtures.connection(SERVER.url("")), put, action(Operation.UPDATE, 10, "Replaced")).get(0).succeeded());
        assertEquals("Replaced", stored(10).get("name").asText());
        assertFalse(stored(10).has("vip"));
    }

    @Test
    public void anUpsertUpdatesAnItemThatExistsAndCreatesOneThatDoesNot() throws Exception {
        List<ActionOutcome> outcomes = run(action(Operation.UPSERT, 2, "Two"), action(Operation.UPSERT, 202, "Fresh"));
        assertEquals(List.of("PATCH /customers/2", "PATCH /customers/202", "POST /customers"), requests());
        assertTrue(outcomes.stream().allMatch(ActionOutcome::succeeded));
        assertEquals("Two", stored(2).get("name").asText());
        assertEquals("Fresh", stored(202).get("name").asText());
    }

    @Test
    public void deleteIsDoneOnceTheItemIsGoneWhoeverRemovedIt() throws Exception {
        List<ActionOutcome> outcomes = run(action(Operation.DELETE, 3, null), action(Operation.DELETE, 3, null));
        assertTrue(outcomes.stream().allMatch(ActionOutcome::succeeded));
        assertEquals("{}", SERVER.get("/customers/3").strip());
    }

    @Test
    public void getGivesTheItemAsTheApiHoldsIt() throws Exception {
        List<ActionOutcome> outcomes = run(action(Operation.GET, 7, null), action(Operation.GET, 7007, null));
        assertTrue(outcomes.get(0).succeeded());
        assertEquals("Customer 7", outcomes.get(0).output().get("name"));
        assertEquals(new BigDecimal("7.5"), outcomes.get(0).output().get("score"));
        ActionOutcome missing = outcomes.get(1);
        assertFalse(missing.succeeded());
        assertFalse(missing.retryLater());
        assertEquals("not_found", missing.code());
        assertEquals(List.of("GET " + SERVER.url("/customers/7007") + " answered HTTP 404 (no such resource): {}"),
                missing.errors());
    }

    @Test
    public void anUpdateOfAnItemThatDoesNotExistFailsThatActionOnly() throws Exception {
        List<ActionOutcome> outcomes = run(action(Operation.UPDATE, 999, "Nobody"), action(Operation.UPDATE, 1, "One"));
        assertEquals("not_found", outcomes.get(0).code());
        assertFalse(outcomes.get(0).retryLater());
        assertTrue(outcomes.get(1).succeeded());
        assertFalse("no item was made up", SERVER.get("/customers/999").contains("Nobody"));
    }

    @Test
    public void aServerFailureAsksForThatActionToBeTriedLater() throws Exception {
        List<ActionOutcome> outcomes = run(Fixtures.connection(SERVER.url("/broken"), "retries", "0"),
                Fixtures.customers(), action(Operation.UPDATE, 1, "x"), action(Operation.UPDATE, 2, "y"));
        assertEquals(2, outcomes.size());
        assertTrue(outcomes.stream().allMatch(ActionOutcome::retryLater));
        assertEquals("http_503", outcomes.get(0).code());
    }

    @Test
    public void aRateLimitStopsTheBatchWithTheWaitTheApiAskedFor() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> run(Fixtures.connection(SERVER.url("/storm")),
                Fixtures.customers(), action(Operation.INSERT, 300, "a"), action(Operation.INSERT, 301, "b")));
        assertEquals("rate_limited", e.code());
        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
    }

    @Test
    public void anUnreachableApiFailsTheBatchBeforeAnythingIsDone() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> run(
                Fixtures.connection("http://127.0.0.1:9", "retries", "0"), Fixtures.customers(),
                action(Operation.INSERT, 400, "a")));
        assertEquals("unreachable", e.code());
        assertTrue(e.retriable());
    }

    @Test
    public void refusedCredentialsStopTheBatch() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> run(
                Fixtures.connection(SERVER.url("/bearer"), "auth", "bearer", "token", "nope-nope"), Fixtures.customers(),
                action(Operation.INSERT, 500, "a"), action(Operation.INSERT, 501, "b")));
        assertEquals("unauthorized", e.code());
        assertFalse(e.retriable());
    }

    private static List<String> requests() throws Exception {
        return SERVER.requests().stream().map(r -> r.get("method").asText() + " " + r.get("url").asText()).toList();
    }
}
