package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The access token of an OAuth2 client-credentials connection: fetched when first needed, kept until shortly before
 * it expires (or until the API refuses it), then fetched again. One token serves every call of the connection.
 */
final class OAuthTokens {

    /** A token is renewed this long before the API says it expires, so no request carries one that just ran out. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final Auth.OAuth2 auth;
    private final ApiConnection connection;
    private String token;
    private Instant renewAt = Instant.MIN;

    OAuthTokens(Auth.OAuth2 auth, ApiConnection connection) {
        this.auth = auth;
        this.connection = connection;
    }

    /** The token to send, fetched when there is none or it is about to expire. */
    synchronized String current() throws ConnectorException {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets a token the API refused, so the next call fetches a new one. */
    synchronized void invalidate(String refused) {
        if (Objects.equals(refused, token)) {
            token = null;
        }
    }

    synchronized Optional<String> peek() {
        return Optional.ofNullable(token);
    }

    private void fetch() throws ConnectorException {
        String form = "grant_type=client_credentials" + (auth.scope() == null ? ""
                : "&scope=" + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8));
        String authorization = Auth.basic(URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8),
                URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8));
        String request = "POST " + auth.tokenUrl() + " (token for client '" + auth.clientId() + "')";
        List<String> secrets = List.of(auth.clientSecret());
        HttpResponse<byte[]> response;
        try {
            response = connection.postForm(auth.tokenUrl(), form, authorization);
        } catch (IOException e) {
            throw new ConnectorException("token_unreachable", Redact.all(request + " failed: " + e, secrets), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted", request + " was stopped", true, e);
        }
        ApiConnection.Answer answer = new ApiConnection.Answer(request, response.statusCode(), response.headers(),
                response.body(), secrets);
        if (!answer.ok()) {
            ConnectorException failure = answer.failure();
            throw answer.retriable() ? failure
                    : new ConnectorException("token_refused", failure.getMessage(), false, null);
        }
        JsonNode body = answer.json();
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ConnectorException("token_invalid", request + " answered without an access_token", false, null);
        }
        long lifetime = body.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
        token = accessToken;
        renewAt = Instant.now().plusSeconds(lifetime).minus(MARGIN);
    }
}
