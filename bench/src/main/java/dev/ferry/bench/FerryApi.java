package dev.ferry.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Ferry's REST API as the bench uses it: JSON over HTTP Basic as admin. */
final class FerryApi {

    /** @param status the HTTP status, or -1 when nothing answered */
    record Answer(int status, JsonNode body, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    FerryApi(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET that may find nobody answering yet (status -1). */
    Answer tryGet(String path, Duration timeout) {
        try {
            return send(request(path).timeout(timeout).GET().build());
        } catch (IOException e) {
            return new Answer(-1, MissingNode.getInstance(), e.toString());
        }
    }

    JsonNode get(String path) {
        return expect("GET " + path, tryGet(path, TIMEOUT));
    }

    Answer post(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        try {
            return send(request(path).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        } catch (IOException e) {
            throw new BenchFailure("POST " + path + ": Ferry did not answer", e);
        }
    }

    JsonNode postOk(String path, Object body) {
        return expect("POST " + path, post(path, body));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                body = MissingNode.getInstance();
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static JsonNode expect(String what, Answer answer) {
        if (!answer.ok()) {
            throw new BenchFailure(what + " answered " + (answer.status() < 0 ? "nothing" : answer.status()) + ": "
                    + answer.text());
        }
        return answer.body();
    }
}
