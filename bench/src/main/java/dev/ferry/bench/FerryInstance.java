package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution, unpacked afresh under the bench's work folder, on ports of its own (so a demo left
 * running does not collide), started with {@code bin/start} and stopped with {@code bin/stop}.
 */
final class FerryInstance {

    static final int HTTP_PORT = 8383;
    static final int SSH_PORT = 8303;
    static final int RMI_REGISTRY_PORT = 1399;
    static final int RMI_SERVER_PORT = 44599;

    private final Path home;
    private ProcessHandle karaf;

    private FerryInstance(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution into {@code home} (emptied first). */
    static FerryInstance unpack(Path distribution, Path home) {
        stopLeftover(home);
        deleteTree(home);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new BenchFailure("creating " + home, e);
        }
        command(List.of("tar", "xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1"),
                home, 300, "unpacking " + distribution);
        FerryInstance ferry = new FerryInstance(home);
        ferry.set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(HTTP_PORT));
        ferry.set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(SSH_PORT));
        ferry.set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(RMI_REGISTRY_PORT));
        ferry.set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(RMI_SERVER_PORT));
        // the registrations' folders are in the bench's work folder, beside Ferry's home: a folder they may use
        ferry.set("etc/dev.ferry.confinement.cfg", "folders", ferry.home.toAbsolutePath().getParent().toString());
        return ferry;
    }

    Path home() {
        return home;
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + HTTP_PORT + "/ferry/api/");
    }

    /** Ferry's own store in a PostgreSQL database instead of embedded Derby: the README's way, before the first start. */
    void storeInPostgres(String database) {
        write("etc/org.ops4j.datasource-ferry.cfg", String.join("\n",
                "# written by the bench: Ferry's store in PostgreSQL",
                "osgi.jdbc.driver.class=org.postgresql.Driver",
                "url=" + Databases.postgresUrl(database),
                "user=" + Databases.POSTGRES_USER,
                "dataSourceName=ferryds",
                "pool=hikari",
                "xa=false",
                "hikari.maximumPoolSize=10",
                "hikari.minimumIdle=1",
                "hikari.poolName=ferry", ""));
    }

    /** Puts a bundle in {@code deploy/}: a running Karaf installs and starts it within a second or so. */
    void deploy(Path bundle) {
        try {
            Files.copy(bundle, home.resolve("deploy").resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BenchFailure("copying " + bundle + " into deploy/", e);
        }
    }

    /** Runs {@code bin/start}, which returns once Karaf runs in the background. */
    void start() {
        for (int port : new int[]{HTTP_PORT, SSH_PORT, RMI_REGISTRY_PORT, RMI_SERVER_PORT}) {
            if (!free(port)) {
                throw new BenchFailure("port " + port + " is in use (another Ferry of the bench still running?); the bench's"
                        + " Karaf needs ports " + HTTP_PORT + ", " + SSH_PORT + ", " + RMI_REGISTRY_PORT + " and " + RMI_SERVER_PORT);
            }
        }
        command(List.of(home.resolve("bin/start").toString()), home, 60, "bin/start");
    }

    /** The Karaf JVM, once it has written its pid file. */
    ProcessHandle process() {
        if (karaf != null) {
            return karaf;
        }
        Path pidFile = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(pidFile)) {
                    String pid = Files.readString(pidFile).trim();
                    if (!pid.isEmpty()) {
                        Optional<ProcessHandle> found = ProcessHandle.of(Long.parseLong(pid));
                        if (found.isPresent()) {
                            karaf = found.get();
                            return karaf;
                        }
                    }
                }
                Thread.sleep(100);
            } catch (IOException | NumberFormatException e) {
                // written right now: read it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new BenchFailure("Karaf wrote no pid file (" + pidFile + ") within 60 s of bin/start; see " + log());
    }

    boolean running() {
        return karaf != null && karaf.isAlive();
    }

    /** Runs {@code bin/stop} and waits for the JVM to end; ends it by its pid if it does not within 90 s. */
    void stop() {
        if (karaf == null || !karaf.isAlive()) {
            return;
        }
        try {
            command(List.of(home.resolve("bin/stop").toString()), home, 60, "bin/stop");
        } catch (BenchFailure e) {
            Progress.say("bin/stop failed (%s); ending Karaf (pid %d)", e.getMessage(), karaf.pid());
        }
        try {
            karaf.onExit().get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            Progress.say("Karaf (pid %d) did not stop within 90 s; ending it", karaf.pid());
            karaf.destroyForcibly();
        }
    }

    /** A Karaf an interrupted bench left running from {@code home}: stopped with its own bin/stop. */
    private static void stopLeftover(Path home) {
        Path pidFile = home.resolve("karaf.pid");
        Optional<ProcessHandle> left;
        try {
            left = Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            left = Optional.empty();
        }
        Optional<ProcessHandle> ours = left.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()));
        if (ours.isPresent()) {
            Progress.say("stopping the Ferry an earlier bench left running (pid %d)", ours.get().pid());
            FerryInstance leftover = new FerryInstance(home);
            leftover.karaf = ours.get();
            leftover.stop();
        }
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    private void set(String file, String key, String value) {
        Path path = home.resolve(file);
        try {
            List<String> lines = Files.exists(path) ? new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8))
                    : new ArrayList<>();
            Pattern setting = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*");
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (setting.matcher(lines.get(i)).matches()) {
                    lines.set(i, key + " = " + value);
                    found = true;
                }
            }
            if (!found) {
                lines.add(key + " = " + value);
            }
            Files.write(path, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("setting " + key + " in " + path, e);
        }
    }

    private void write(String file, String content) {
        try {
            Files.writeString(home.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("writing " + file, e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void command(List<String> command, Path dir, long timeoutSeconds, String what) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bench-commands.log").toFile())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchFailure(what + " did not end within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new BenchFailure(what + " failed (exit " + p.exitValue() + "); see " + dir.resolve("bench-commands.log"));
            }
        } catch (IOException e) {
            throw new BenchFailure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure(what + " was interrupted");
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new BenchFailure("deleting " + dir + " (is a Ferry of an earlier bench still running from it?)",
                    e instanceof UncheckedIOException u ? u.getCause() : e);
        }
    }
}
