package dev.ferry.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Ferry's REST API as an operator's script uses it: JSON over HTTP Basic as admin. */
final class FerryRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    FerryRestClient(URI base) {
        this.base = base;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Whether the API answers a GET of the products now. */
    boolean answers() throws InterruptedException {
        try {
            return http.send(request("products").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return expectOk("GET " + path, http.send(request(path).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = request(path).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return expectOk("POST " + path, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** A response's status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    /** Sends a JSON text as it is (or no body) and gives back whatever status comes. */
    Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private static JsonNode expectOk(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new AssertionError(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
