package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection's way to the API: its HTTP client, its rate limit, its sign-in (with a cached OAuth2 token), and
 * the retries of requests answered 429, 5xx or not at all. Shared by every read and batch with the same settings,
 * so the rate limit and the token hold for all of them.
 */
final class ApiConnection {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** How much of an error answer a message quotes. */
    private static final int QUOTED = 300;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    private final HttpSettings settings;
    private final HttpClient client;
    private final RateLimit rateLimit;
    private final OAuthTokens tokens;

    ApiConnection(HttpSettings settings) {
        this.settings = settings;
        // redirects are not followed: credentials must not travel to a host the settings do not name
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.rateLimit = new RateLimit(settings.requestsPerSecond());
        this.tokens = settings.auth() instanceof Auth.OAuth2 oauth ? new OAuthTokens(oauth, this) : null;
    }

    HttpSettings settings() {
        return settings;
    }

    /** What the API answered. */
    record Answer(String request, int status, HttpHeaders headers, byte[] body, List<String> secrets) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON; an answer that is not JSON (an HTML page, a proxy's error) is refused. */
        JsonNode json() throws ConnectorException {
            String type = headers.firstValue("Content-Type").orElse("");
            if (body.length == 0) {
                return JSON.nullNode();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                String what = type.isEmpty() ? "no content type" : type;
                throw new ConnectorException("not_json", Redact.all(request + " answered " + what + ", not JSON"
                        + quote(), secrets), false, null);
            }
        }

        Optional<Duration> retryAfter() {
            return ApiConnection.retryAfter(headers);
        }

        /** The answer as a failure of the whole call, classified: retriable or not, and how long to wait. */
        ConnectorException failure() {
            String message = Redact.all(request + " answered HTTP " + status + describe() + quote(), secrets);
            Optional<Duration> wait = retryAfter();
            if (status == 429 || status == 408 || status >= 500) {
                String code = status == 429 ? "rate_limited" : "http_" + status;
                return wait.isPresent() ? new ConnectorException(code, message, wait.get(), null)
                        : new ConnectorException(code, message, true, null);
            }
            String code = status == 401 ? "unauthorized" : status == 403 ? "forbidden"
                    : status == 404 ? "not_found" : "http_" + status;
            return new ConnectorException(code, message, false, null);
        }

        /** Whether the same request may pass later: a rate limit, a timeout, a server's own failure. */
        boolean retriable() {
            return ApiConnection.retriable(status);
        }

        private String describe() {
            return switch (status) {
                case 401 -> " (the credentials were refused)";
                case 403 -> " (the credentials may not do this)";
                case 404 -> " (no such resource)";
                case 429 -> " (too many requests" + retryAfter().map(d -> "; asked to wait " + d.toSeconds() + " s")
                        .orElse("") + ")";
                default -> "";
            };
        }

        String quote() {
            if (body.length == 0) {
                return "";
            }
            String text = new String(body, 0, Math.min(body.length, QUOTED * 4), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").strip();
            return ": " + (text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text);
        }
    }

    /**
     * Sends a request, signed in, within the rate limit; a request answered 429, 408 or 5xx, or not at all, is tried
     * again after the API's {@code Retry-After} or a growing pause, up to the connection's retries. A 401 with an
     * OAuth2 token fetches a new token once.
     *
     * @param json the body, or null
     * @return the last answer, whatever its status
     * @throws ConnectorException when no answer came after the retries (unreachable, timed out)
     */
    Answer send(String method, URI uri, byte[] json) throws ConnectorException {
        URI signed = settings.auth().sign(uri);
        String request = method + " " + Redact.all(uri.toString(), secrets());
        boolean freshToken = false;
        for (int attempt = 0; ; attempt++) {
            rateLimit.acquire();
            String token = tokens == null ? null : tokens.current();
            HttpRequest.Builder builder = HttpRequest.newBuilder(signed).timeout(settings.timeout())
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json));
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            settings.auth().header(token).ifPresent(h -> builder.header(h[0], h[1]));
            ConnectorException unanswered;
            try {
                HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                Answer answer = new Answer(request, response.statusCode(), response.headers(), response.body(),
                        secrets());
                if (answer.status() == 401 && tokens != null && !freshToken) {
                    tokens.invalidate(token);
                    freshToken = true;
                    continue;
                }
                if (!answer.retriable() || attempt >= settings.retries()) {
                    return answer;
                }
                Duration wait = answer.retryAfter().orElse(backoff(attempt));
                if (wait.compareTo(settings.maxRetryWait()) > 0) {
                    return answer;
                }
                Pause.nanos(wait.toNanos());
                continue;
            } catch (HttpConnectTimeoutException e) {
                unanswered = new ConnectorException("unreachable", request + ": no connection to " + hostPort(uri)
                        + " within " + settings.timeout().toSeconds() + " s", true, null);
            } catch (HttpTimeoutException e) {
                unanswered = new ConnectorException("timeout", request + ": no answer within "
                        + settings.timeout().toSeconds() + " s", true, null);
            } catch (ConnectException e) {
                unanswered = new ConnectorException("unreachable", request + ": cannot connect to " + hostPort(uri)
                        + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", true, null);
            } catch (IOException e) {
                unanswered = new ConnectorException("io_error", Redact.all(request + " failed: " + e, secrets()),
                        true, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted", request + " was stopped", true, e);
            }
            if (attempt >= settings.retries()) {
                throw unanswered;
            }
            Pause.nanos(backoff(attempt).toNanos());
        }
    }

    /** Sends and insists on a 2xx answer. */
    Answer call(String method, URI uri, byte[] json) throws ConnectorException {
        Answer answer = send(method, uri, json);
        if (!answer.ok()) {
            throw answer.failure();
        }
        return answer;
    }

    /** Posts a form to a URL without signing in (the OAuth2 token request); no retries but the caller's. */
    HttpResponse<byte[]> postForm(URI uri, String form, String authorization) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The secrets of this connection, with the access token currently in use. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(settings.auth().secrets());
        if (tokens != null) {
            tokens.peek().ifPresent(secrets::add);
        }
        return secrets;
    }

    static boolean retriable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** Half a second, doubling with each attempt, with a quarter of jitter so clients do not call in step. */
    static Duration backoff(int attempt) {
        long millis = Math.min(LONGEST_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 16));
        long jitter = ThreadLocalRandom.current().nextLong(millis / 4 + 1);
        return Duration.ofMillis(millis - millis / 8 + jitter);
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
