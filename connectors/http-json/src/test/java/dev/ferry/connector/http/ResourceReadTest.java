package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Reading resources of a real json-server: every pagination, incremental reads, bad items and bad answers. */
public class ResourceReadTest {

    static final int CUSTOMERS = 250;

    @ClassRule
    public static final JsonServer SERVER = new JsonServer("{\"customers\": " + Fixtures.customers(CUSTOMERS)
            + ", \"changing\": " + Fixtures.customers(20)
            + ", \"odd\": [{\"id\": 1, \"name\": \"fine\"}, {\"name\": \"no id\"}, {\"id\": \"x\"}, 5, {\"id\": 2}]}");

    private final HttpJsonConnector connector = new HttpJsonConnector();

    @Before
    public void reset() throws Exception {
        SERVER.reset();
    }

    private RecordingReadContext read(Config connection, DataObject object, ReadMode mode, String cursor)
            throws ConnectorException {
        RecordingReadContext context = new RecordingReadContext(connection, object, mode, cursor);
        connector.validate(HttpJsonConnector.MODULE, connection, object);
        context.cursorReturned = connector.cacheWriter(HttpJsonConnector.MODULE).read(context);
        return context;
    }

    private static List<Long> ids(RecordingReadContext context) {
        return context.emitted.stream().map(r -> (Long) r.get("id")).toList();
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    public void readsEveryItemOnceWithoutPagination() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("")), Fixtures.customers(), ReadMode.FULL, null);
        assertEquals(oneTo(CUSTOMERS), ids(read));
        DataRecord seventh = read.emitted.get(6);
        assertEquals("Customer 7", seventh.get("name"));
        assertEquals(new BigDecimal("7.5"), seventh.get("score"));
        assertEquals(Boolean.FALSE, seventh.get("active"));
        assertEquals(Fixtures.FIRST_UPDATE.plusSeconds(7 * 60), seventh.get("updatedAt"));
        assertEquals("an array arrives as its JSON text", "[\"t1\"]", seventh.get("tags"));
        assertFalse("undeclared fields are not records' fields", seventh.fields().contains("vip"));
        assertEquals(Optional.empty(), read.cursorReturned);
        assertEquals(1, SERVER.requests().size());
    }

    @Test
    public void readsPagesByPageAndSizeUntilAnEmptyPage() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("")), Fixtures.customers(
                "pagination", "page", "pageParam", "_page", "sizeParam", "_limit", "pageSize", "40"), ReadMode.FULL, null);
        assertEquals(oneTo(CUSTOMERS), ids(read));
        List<String> urls = urls();
        assertEquals("7 pages, then the empty 8th", 8, urls.size());
        assertEquals("/customers?_page=1&_limit=40", urls.get(0));
        assertEquals("/customers?_page=8&_limit=40", urls.get(7));
    }

    @Test
    public void readsPagesByOffsetAndLimit() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("")), Fixtures.customers(
                "pagination", "offset", "offsetParam", "_start", "limitParam", "_limit", "pageSize", "100"), ReadMode.FULL, null);
        assertEquals(oneTo(CUSTOMERS), ids(read));
        assertEquals(List.of("/customers?_start=0&_limit=100", "/customers?_start=100&_limit=100",
                "/customers?_start=200&_limit=100", "/customers?_start=250&_limit=100"), urls());
    }

    @Test
    public void followsTheLinkHeadersNextPage() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("")), Fixtures.customers(
                "pagination", "link", "query", "_page=1&_limit=60"), ReadMode.FULL, null);
        assertEquals(oneTo(CUSTOMERS), ids(read));
        assertEquals("5 pages of 60: json-server's last page links to no next one", 5, urls().size());
        assertEquals("/customers?_page=5&_limit=60", urls().get(4));
    }

    @Test
    public void followsCursorTokensFromTheAnswer() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("/cursor")), Fixtures.customers(
                "pagination", "cursor", "items", "/data", "nextCursor", "/paging/next", "pageSize", "100"), ReadMode.FULL, null);
        assertEquals(oneTo(CUSTOMERS), ids(read));
        List<String> urls = urls();
        assertEquals(3, urls.size());
        assertEquals("/cursor/customers?limit=100", urls.get(0));
        assertTrue(urls.get(1), urls.get(1).startsWith("/cursor/customers?limit=100&cursor="));
    }

    @Test
    public void anIncrementalReadAsksOnlyForWhatChangedSinceTheNewestItemSeen() throws Exception {
        Config connection = Fixtures.connection(SERVER.url(""));
        DataObject changing = Fixtures.customers("path", "changing", "updatedField", "updatedAt",
                "updatedParam", "updatedAt_gte");
        RecordingReadContext first = read(connection, changing, ReadMode.INCREMENTAL, null);
        assertEquals(oneTo(20), ids(first));
        String newest = Fixtures.FIRST_UPDATE.plusSeconds(20 * 60).toString();
        assertEquals("the cursor is the newest updatedAt, as the API wrote it", Optional.of(newest), first.cursorReturned);

        RecordingReadContext nothingNew = read(connection, changing, ReadMode.INCREMENTAL, newest);
        assertEquals("the item at exactly the cursor comes again (unchanged, it costs nothing)", List.of(20L), ids(nothingNew));
        assertEquals(Optional.of(newest), nothingNew.cursorReturned);

        String later = Fixtures.FIRST_UPDATE.plusSeconds(3600).toString();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SERVER.url("/changing/3")))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\": \"Renamed\", \"updatedAt\": \"" + later + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        SERVER.reset();
        RecordingReadContext changed = read(connection, changing, ReadMode.INCREMENTAL, newest);
        assertEquals(List.of(3L, 20L), ids(changed));
        assertEquals("Renamed", changed.emitted.get(0).get("name"));
        assertEquals(Optional.of(later), changed.cursorReturned);
        assertEquals(List.of("/changing?updatedAt_gte=" + newest.replace(":", "%3A")), urls());

        RecordingReadContext full = read(connection, changing, ReadMode.FULL, later);
        assertEquals("a full read ignores the cursor", 20, full.emitted.size());
    }

    @Test
    public void aReadStoppedPartWayKeepsTheCursorItStartedFrom() throws Exception {
        DataObject object = Fixtures.customers("updatedField", "updatedAt", "updatedParam", "updatedAt_gte",
                "pagination", "page", "pageParam", "_page", "sizeParam", "_limit");
        RecordingReadContext context = new RecordingReadContext(Fixtures.connection(SERVER.url("")), object,
                ReadMode.INCREMENTAL, "2026-01-01T00:00:00Z").stopAfter(30);
        Optional<String> cursor = connector.cacheWriter(HttpJsonConnector.MODULE).read(context);
        assertEquals(30, context.emitted.size());
        assertEquals(Optional.of("2026-01-01T00:00:00Z"), cursor);
        assertEquals("no page is fetched after the stop", 1, SERVER.requests().size());
    }

    @Test
    public void itemsWithoutTheirKeyOrOfTheWrongShapeAreRejectedAndTheOthersRead() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("")), Fixtures.customers("path", "odd"),
                ReadMode.FULL, null);
        assertEquals(List.of(1L, 2L), ids(read));
        String get = "GET " + SERVER.url("/odd");
        assertEquals(List.of(get + " item 2", get + " item 3 (id \"x\")", get + " item 4"),
                List.copyOf(read.rejected.keySet()));
        assertEquals("field 'id' is required but empty", read.rejected.get(get + " item 2"));
        assertEquals("field 'id': 'x' is not an integer", read.rejected.get(get + " item 3 (id \"x\")"));
        assertEquals("is number, not a JSON object", read.rejected.get(get + " item 4"));
    }

    @Test
    public void anApiIgnoringThePageParameterIsCaughtInsteadOfReadForever() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(Fixtures.connection(SERVER.url("")),
                Fixtures.customers("pagination", "page", "pageParam", "_ignored", "sizeParam", "_ignoredToo"),
                ReadMode.FULL, null));
        assertEquals("pagination_ignored", e.code());
        assertFalse(e.retriable());
        assertTrue(e.getMessage(), e.getMessage().contains("does not page by '_ignored'"));
    }

    @Test
    public void anHtmlPageInsteadOfJsonIsAClearFailure() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> read(Fixtures.connection(SERVER.url("/html")), Fixtures.customers(), ReadMode.FULL, null));
        assertEquals("not_json", e.code());
        assertFalse(e.retriable());
        assertEquals("GET " + SERVER.url("/html/customers") + " answered text/html; charset=utf-8, not JSON:"
                + " <!DOCTYPE html><html><body>Please sign in</body></html>", e.getMessage());
    }

    @Test
    public void anAnswerWithoutTheArraySaysWhereItLooked() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(Fixtures.connection(SERVER.url("/cursor")),
                Fixtures.customers("items", "/items"), ReadMode.FULL, null));
        assertEquals("unexpected_answer", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("without an array at '/items' (its keys: data, paging)"));
    }

    @Test
    public void aTooManyRequestsAnswerIsWaitedOutAsRetryAfterAsks() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("/flaky")), Fixtures.customers(), ReadMode.FULL, null);
        assertEquals(CUSTOMERS, read.emitted.size());
        List<JsonNode> requests = SERVER.requests();
        assertEquals(2, requests.size());
        long waited = requests.get(1).get("at").asLong() - requests.get(0).get("at").asLong();
        assertTrue("asked to wait 1 s, waited " + waited + " ms", waited >= 950);
    }

    @Test
    public void anApiAskingForALongPauseIsLeftToThePlatformWithItsWait() {
        long start = System.nanoTime();
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> read(Fixtures.connection(SERVER.url("/storm")), Fixtures.customers(), ReadMode.FULL, null));
        assertEquals("rate_limited", e.code());
        assertTrue(e.retriable());
        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
        assertTrue(e.getMessage(), e.getMessage().contains("answered HTTP 429 (too many requests; asked to wait 120 s)"));
        assertTrue("not waited out within the call", System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
    }

    @Test
    public void aFailingServerIsTriedAgainThenReportedAsRetriable() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(
                Fixtures.connection(SERVER.url("/broken"), "retries", "2"), Fixtures.customers(), ReadMode.FULL, null));
        assertEquals("http_503", e.code());
        assertTrue(e.retriable());
        assertEquals(Optional.empty(), e.retryAfter());
        assertTrue(e.getMessage(), e.getMessage().endsWith("answered HTTP 503: { \"error\": \"down for maintenance\" }"));
        assertEquals("the first request and two retries", 3, SERVER.requests().size());
    }

    @Test
    public void anUnreachableApiIsARetriableFailureNamingTheHost() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(
                Fixtures.connection("http://127.0.0.1:9", "retries", "0"), Fixtures.customers(), ReadMode.FULL, null));
        assertEquals("unreachable", e.code());
        assertTrue(e.retriable());
        assertTrue(e.getMessage(), e.getMessage().startsWith("GET http://127.0.0.1:9/customers: cannot connect to 127.0.0.1:9"));
    }

    @Test
    public void theRateLimitSpacesRequestsOfEveryReadOnTheConnection() throws Exception {
        Config connection = Fixtures.connection(SERVER.url(""), "requestsPerSecond", "5");
        DataObject paged = Fixtures.customers("pagination", "page", "pageParam", "_page", "sizeParam", "_limit",
                "pageSize", "125");
        read(connection, paged, ReadMode.FULL, null);
        read(connection, paged, ReadMode.FULL, null);
        List<Long> at = SERVER.requests().stream().map(r -> r.get("at").asLong()).collect(Collectors.toList());
        assertEquals("3 requests a read", 6, at.size());
        long span = at.get(5) - at.get(0);
        assertTrue("6 requests at 5 a second span at least 1 s, spanned " + span + " ms", span >= 950);
    }

    @Test
    public void anEmptyResourceReadsAsNothing() throws Exception {
        RecordingReadContext read = read(Fixtures.connection(SERVER.url("/cursor")), Fixtures.customers(
                "path", "nothing", "pagination", "cursor", "items", "/data", "nextCursor", "/paging/next"),
                ReadMode.FULL, null);
        assertTrue(read.emitted.isEmpty());
        assertTrue(read.rejected.isEmpty());
    }

    private static List<String> urls() throws Exception {
        return SERVER.requests().stream().map(r -> r.get("url").asText()).toList();
    }
}
