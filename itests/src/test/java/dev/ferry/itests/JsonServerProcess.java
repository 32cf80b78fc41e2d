package dev.ferry.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * json-server (npm, 0.17.4) as the HTTP API an integration reads from: installed by npm into the folder the
 * {@value #HOME_PROPERTY} system property names when it is not there yet, started on a free port over a db file,
 * stopped on close. Runs wherever the test runs, inside the container too.
 */
final class JsonServerProcess implements AutoCloseable {

    static final String HOME_PROPERTY = "ferry.itests.jsonServer";
    static final String VERSION = "0.17.4";

    private final Process process;
    private final int port;

    private JsonServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param db the db file's JSON: resources by name */
    static JsonServerProcess start(String db) throws Exception {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "target/json-server"));
        Path cli = home.resolve("node_modules/json-server/lib/cli/bin.js");
        if (!Files.exists(cli)) {
            Files.createDirectories(home);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    home.toString(), "json-server@" + VERSION).redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm could not install json-server " + VERSION + " (see "
                        + home.resolve("npm-install.log") + ")");
            }
        }
        Path dbFile = Files.createTempFile("json-server-db-", ".json");
        Files.writeString(dbFile, db);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--quiet", dbFile.toString())
                .redirectError(home.resolve("server-" + port + ".log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // json-server --quiet prints nothing: wait until its port answers
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // drained so the process never blocks on a full pipe
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return new JsonServerProcess(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("json-server did not start (see " + home.resolve("server-" + port + ".log") + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
