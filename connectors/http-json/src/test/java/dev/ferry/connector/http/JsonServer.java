package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.rules.ExternalResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real json-server (npm, 0.17.4) for the tests: installed into {@code target/json-server} by npm when it is not
 * there yet, started on a free port over a fresh db file, stopped after the test class. {@code server.js} puts the
 * sign-in, rate-limit and failure behaviour of real APIs in front of it under path prefixes.
 */
final class JsonServer extends ExternalResource {

    static final String VERSION = "0.17.4";
    private static final Path HOME = Path.of("target", "json-server").toAbsolutePath();

    private final String db;
    private Process process;
    private int port;
    private final HttpClient client = HttpClient.newHttpClient();

    /** @param db the db file's JSON: resources by name */
    JsonServer(String db) {
        this.db = db;
    }

    @Override
    protected void before() throws Throwable {
        install();
        Path dbFile = Files.createTempFile(HOME, "db-", ".json");
        Files.writeString(dbFile, db);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        process = new ProcessBuilder("node", HOME.resolve("server.js").toString(), dbFile.toString(),
                Integer.toString(port)).directory(HOME.toFile())
                .redirectError(HOME.resolve("server-" + port + ".log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (!"ready".equals(line)) {
            throw new IllegalStateException("json-server did not start (see " + HOME.resolve("server-" + port + ".log") + ")");
        }
    }

    @Override
    protected void after() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234}, plus a path prefix such as {@code /basic}. */
    String url(String prefix) {
        return "http://127.0.0.1:" + port + prefix;
    }

    int port() {
        return port;
    }

    /** The requests the server saw since the last reset: method, URL (as json-server got it) and time in ms. */
    List<JsonNode> requests() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        ApiConnection.JSON.readTree(get("/_test/requests")).forEach(r -> {
            if (!r.get("url").asText().startsWith("/_test")) {
                all.add(r);
            }
        });
        return all;
    }

    JsonNode get(String path, boolean json) throws Exception {
        return ApiConnection.JSON.readTree(get(path));
    }

    String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends a request to the server as another application would, and gives the body of its answer. */
    String send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void post(String path) throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void reset() throws Exception {
        post("/_test/reset");
    }

    private static synchronized void install() throws Exception {
        Files.createDirectories(HOME);
        Files.copy(Path.of("src", "test", "json-server", "server.js"), HOME.resolve("server.js"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(HOME.resolve("node_modules/json-server/package.json"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                HOME.toString(), "json-server@" + VERSION).redirectErrorStream(true)
                .redirectOutput(HOME.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm could not install json-server " + VERSION + " (see "
                    + HOME.resolve("npm-install.log") + "); the http-json tests need Node.js and npm");
        }
    }
}
