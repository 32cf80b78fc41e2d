package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Signing in to a real json-server behind basic auth, an API key (header or query), a bearer token and OAuth2
 * client credentials; wrong credentials are refused clearly and never show in a message.
 */
public class AuthTest {

    @ClassRule
    public static final JsonServer SERVER = new JsonServer("{\"customers\": " + Fixtures.customers(5) + "}");

    private final HttpJsonConnector connector = new HttpJsonConnector();

    @Before
    public void reset() throws Exception {
        SERVER.reset();
    }

    private int read(Config connection) throws ConnectorException {
        RecordingReadContext context = new RecordingReadContext(connection, Fixtures.customers(), ReadMode.FULL, null);
        connector.cacheWriter(HttpJsonConnector.MODULE).read(context);
        return context.emitted.size();
    }

    private void assertRefused(Config connection, String code, String... secrets) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(connection));
        assertEquals(code, e.code());
        assertFalse("credentials do not get better by waiting", e.retriable());
        for (String secret : secrets) {
            assertFalse(e.getMessage(), e.getMessage().contains(secret));
        }
        ConnectionTest test = connector.testConnection(connection);
        assertFalse(test.ok());
        for (String secret : secrets) {
            assertFalse(test.message(), test.message().contains(secret));
        }
    }

    @Test
    public void basic() throws Exception {
        Config good = Fixtures.connection(SERVER.url("/basic"), "auth", "basic", "user", "ada", "password", "s3cret pass");
        assertEquals(5, read(good));
        ConnectionTest test = connector.testConnection(good);
        assertTrue(test.message(), test.ok());
        // json-server has no page at its root: any answer but a refusal or a failure proves the way and the sign-in
        assertEquals("reached " + SERVER.url("/basic/") + " (HTTP 404, signed in with basic as ada)", test.message());
        // the server echoes the Authorization header it refused: its base64 is the password too
        String wrongHeader = java.util.Base64.getEncoder().encodeToString("ada:wrong pass".getBytes());
        assertRefused(Fixtures.connection(SERVER.url("/basic"), "auth", "basic", "user", "ada", "password", "wrong pass"),
                "unauthorized", "wrong pass", wrongHeader);
    }

    @Test
    public void apiKeyInAHeader() throws Exception {
        assertEquals(5, read(Fixtures.connection(SERVER.url("/key"), "auth", "apiKey", "apiKey", "k3y-123")));
        assertRefused(Fixtures.connection(SERVER.url("/key"), "auth", "apiKey", "apiKey", "wr0ng-key"), "unauthorized",
                "wr0ng-key");
    }

    @Test
    public void apiKeyInTheQueryIsMaskedInEveryMessage() throws Exception {
        Config good = Fixtures.connection(SERVER.url("/key"), "auth", "apiKey", "apiKey", "k3y-123", "apiKeyIn", "query",
                "apiKeyName", "api_key");
        assertEquals(5, read(good));
        assertEquals("/key/customers?api_key=k3y-123", SERVER.requests().get(0).get("url").asText());
        RecordingReadContext missing = new RecordingReadContext(good, Fixtures.customers("path", "nowhere"), ReadMode.FULL, null);
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connector.cacheWriter(HttpJsonConnector.MODULE).read(missing));
        assertEquals("not_found", e.code());
        assertEquals("GET " + SERVER.url("/key/nowhere") + " answered HTTP 404 (no such resource): {}", e.getMessage());
        assertRefused(Fixtures.connection(SERVER.url("/key"), "auth", "apiKey", "apiKey", "wr0ng-key", "apiKeyIn", "query",
                "apiKeyName", "api_key"), "unauthorized", "wr0ng-key");
    }

    @Test
    public void bearerToken() throws Exception {
        assertEquals(5, read(Fixtures.connection(SERVER.url("/bearer"), "auth", "bearer", "token", "t0ken-abc")));
        assertRefused(Fixtures.connection(SERVER.url("/bearer"), "auth", "bearer", "token", "t0ken-xyz"), "unauthorized",
                "t0ken-xyz");
    }

    @Test
    public void oauth2ClientCredentialsFetchOneTokenForManyCallsAndANewOneWhenRefused() throws Exception {
        int before = SERVER.get("/_test/tokens", true).get("issued").asInt();
        Config connection = Fixtures.connection(SERVER.url("/oauth"), "auth", "oauth2", "tokenUrl",
                SERVER.url("/oauth/token"), "clientId", "ferry", "clientSecret", "cl1ent-secret", "scope", "read write");
        for (int i = 0; i < 3; i++) {
            assertEquals(5, read(connection));
        }
        assertEquals("one token serves every call of the connection", before + 1,
                SERVER.get("/_test/tokens", true).get("issued").asInt());

        SERVER.post("/_test/revoke");
        assertEquals("a refused token is replaced and the call made again", 5, read(connection));
        assertEquals(before + 2, SERVER.get("/_test/tokens", true).get("issued").asInt());

        assertRefused(Fixtures.connection(SERVER.url("/oauth"), "auth", "oauth2", "tokenUrl", SERVER.url("/oauth/token"),
                "clientId", "ferry", "clientSecret", "n0t-the-secret"), "token_refused", "n0t-the-secret");
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(Fixtures.connection(SERVER.url("/oauth"),
                "auth", "oauth2", "tokenUrl", SERVER.url("/oauth/token"), "clientId", "ferry", "clientSecret", "n0t-the-secret")));
        assertTrue(e.getMessage(), e.getMessage().contains("(token for client 'ferry') answered HTTP 401 (the credentials"
                + " were refused): { \"error\": \"invalid_client\", \"error_description\": \"client authentication failed\" }"));
    }

    @Test
    public void noCredentialsAtAllIsRefusedClearly() {
        assertRefused(Fixtures.connection(SERVER.url("/bearer")), "unauthorized");
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(Fixtures.connection(SERVER.url("/bearer"))));
        assertEquals("GET " + SERVER.url("/bearer/customers") + " answered HTTP 401 (the credentials were refused):"
                + " { \"error\": \"unauthorized\", \"echoed\": \"\" }", e.getMessage());
    }

    @Test
    public void settingsDoNotShowSecretsWhenPrinted() {
        Config c = Fixtures.connection(SERVER.url("/basic"), "auth", "basic", "user", "ada", "password", "s3cret pass");
        assertFalse(HttpSettings.of(c).toString().contains("s3cret"));
        assertFalse(HttpSettings.of(Fixtures.connection(SERVER.url(""), "auth", "oauth2", "tokenUrl", "http://h/t",
                "clientId", "c", "clientSecret", "cl1ent-secret")).toString().contains("cl1ent-secret"));
    }
}
