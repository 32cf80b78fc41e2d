package dev.ferry.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution unpacked into a folder of its own and run as a separate OS process, as an operator runs
 * it: {@code bin/karaf server}, with {@code KARAF_EXEC=exec} so that the script execs Java and the child process
 * is the Karaf JVM itself, not a shell around it; a kill then reaches the JVM. Its ports are apart from the Pax
 * Exam suite's, the bench's and a demo's.
 */
final class KarafProcess implements AutoCloseable {

    static final int HTTP_PORT = 8484;
    static final int SSH_PORT = 8404;
    static final int RMI_REGISTRY_PORT = 1499;
    static final int RMI_SERVER_PORT = 44699;
    /** Exit code of a process ended by SIGKILL (128 + 9). */
    static final int KILLED = 137;

    private static final Duration PID_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);

    private final Path home;
    /** Added to each of the ports above: a second Karaf beside the first. */
    private final int portOffset;
    private Process jvm;

    private KarafProcess(Path home, int portOffset) {
        this.home = home;
        this.portOffset = portOffset;
    }

    /** Unpacks the distribution into {@code home}, emptied first, and gives it the crash test's ports. */
    static KarafProcess unpack(Path distribution, Path home) throws IOException, InterruptedException {
        return unpack(distribution, home, 0);
    }

    /** Unpacks the distribution into {@code home}, emptied first, with the crash test's ports plus {@code portOffset}. */
    static KarafProcess unpack(Path distribution, Path home, int portOffset) throws IOException, InterruptedException {
        endLeftover(home);
        deleteTree(home);
        Files.createDirectories(home);
        run(List.of("tar", "xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1"), home,
                Duration.ofMinutes(2), "unpacking " + distribution);
        KarafProcess karaf = new KarafProcess(home, portOffset);
        karaf.set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(karaf.httpPort()));
        karaf.set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(karaf.sshPort()));
        karaf.set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(RMI_REGISTRY_PORT + portOffset));
        karaf.set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(RMI_SERVER_PORT + portOffset));
        // the tests' inboxes are in their work folders, beside the Karaf home: a folder registrations may use
        karaf.set("etc/dev.ferry.confinement.cfg", "folders", home.toAbsolutePath().getParent().getParent().toString());
        return karaf;
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return HTTP_PORT + portOffset;
    }

    int sshPort() {
        return SSH_PORT + portOffset;
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/ferry/api/");
    }

    /** Adds a Maven repository folder to those Karaf resolves {@code mvn:} URLs from, before it starts. */
    void addMavenRepository(Path folder, String id) throws IOException {
        Path cfg = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        String text = Files.readString(cfg);
        String last = "file:${karaf.data}/ferry/repository@id=ferry.products@snapshots";
        if (!text.contains(last)) {
            throw new IllegalStateException(cfg + " does not name Ferry's product repository");
        }
        Files.writeString(cfg, text.replace(last, last + ", \\\n    file:" + folder.toAbsolutePath() + "@id=" + id + "@snapshots"));
    }

    /** Runs shell commands over Karaf's SSH as admin, as an operator would; their output. */
    String ssh(String commands) throws Exception {
        return ssh("admin", "admin", commands);
    }

    String ssh(String user, String password, String commands) throws Exception {
        try (org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (org.apache.sshd.client.session.ClientSession session = client.connect(user, "127.0.0.1", sshPort())
                    .verify(Duration.ofSeconds(30)).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(Duration.ofSeconds(30));
                return session.executeRemoteCommand(commands, System.err, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    /** What a command line printed (stdout and stderr) and its exit code. */
    record Printed(int exit, String output) {
    }

    /**
     * Runs shell commands with {@code bin/client} as admin from a script: no terminal, stdin at its end, as cron or
     * CI would.
     */
    Printed client(String commands) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", String.valueOf(sshPort()),
                "-u", "admin", "-p", "admin", commands).directory(home.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/client '" + commands + "' did not end within 90 s: " + output);
        }
        return new Printed(p.exitValue(), output);
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /**
     * Starts the JVM and waits until it has written its pid file, which must name the process started here: the
     * JVM, not a wrapper.
     */
    void start() throws IOException, InterruptedException {
        if (running()) {
            throw new IllegalStateException("Karaf in " + home + " runs already (pid " + jvm.pid() + ")");
        }
        int[] ports = {httpPort(), sshPort(), RMI_REGISTRY_PORT + portOffset, RMI_SERVER_PORT + portOffset};
        for (int port : ports) {
            if (!free(port)) {
                throw new IllegalStateException("port " + port + " is in use; this Karaf needs ports "
                        + java.util.Arrays.toString(ports));
            }
        }
        Path pidFile = home.resolve("karaf.pid");
        Files.deleteIfExists(pidFile);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("KARAF_EXEC", "exec");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        jvm = builder.start();
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        while (true) {
            String written = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
            if (!written.isEmpty()) {
                if (!written.equals(String.valueOf(jvm.pid()))) {
                    throw new IllegalStateException("karaf.pid says " + written + " but the process started is " + jvm.pid()
                            + ": the Karaf JVM is not the process this test controls");
                }
                String command = jvm.info().command().orElse("");
                if (!command.endsWith("/java")) {
                    throw new IllegalStateException("process " + jvm.pid() + " runs " + command + ", not java");
                }
                return;
            }
            if (!jvm.isAlive()) {
                throw new IllegalStateException("Karaf ended (exit " + jvm.exitValue() + ") before writing " + pidFile
                        + "; see " + home.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Karaf wrote no " + pidFile + " within " + PID_WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    boolean running() {
        return jvm != null && jvm.isAlive();
    }

    long pid() {
        return jvm.pid();
    }

    /** Ends the JVM with SIGKILL, at once: no shutdown hook, no framework stop, no last write. */
    int kill() throws InterruptedException {
        jvm.destroyForcibly();
        if (!jvm.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Karaf (pid " + jvm.pid() + ") is still alive 30 s after SIGKILL");
        }
        return jvm.exitValue();
    }

    /** Stops Karaf cleanly with {@code bin/stop} and waits for the JVM to end. */
    void stop() throws IOException, InterruptedException {
        if (!running()) {
            return;
        }
        run(List.of(home.resolve("bin/stop").toString()), home, Duration.ofSeconds(60), "bin/stop");
        if (!jvm.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            jvm.destroyForcibly();
            jvm.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("Karaf (pid " + jvm.pid() + ") did not stop within " + STOP_WAIT.toSeconds()
                    + " s of bin/stop and was killed");
        }
    }

    /** Stops Karaf when it still runs; a failure to stop is ended with a kill, so nothing is left behind. */
    @Override
    public void close() {
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            jvm.destroyForcibly();
        } catch (InterruptedException e) {
            jvm.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the JVM's threads into the Karaf folder ({@code jcmd Thread.print}); returns the file, for a failure message. */
    Path dumpThreads() {
        Path dump = home.resolve("threads-" + System.currentTimeMillis() + ".txt");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(jvm.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dump;
    }

    /** Puts a bundle into {@code deploy/}, where the running Karaf installs and starts it. */
    void deploy(Path bundle) throws IOException {
        Path tmp = home.resolve("deploy").resolve("." + bundle.getFileName() + ".tmp");
        Files.copy(bundle, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, home.resolve("deploy").resolve(bundle.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A Karaf an earlier, interrupted test run left running from {@code home}: ended, so the folder can go. */
    static void endLeftover(Path home) throws IOException, InterruptedException {
        Path pidFile = home.resolve("karaf.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> left;
        try {
            left = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> ours = left.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()));
        if (ours.isPresent()) {
            ours.get().destroyForcibly();
            ours.get().onExit().join();
        }
    }

    private void set(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
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
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, Path dir, Duration timeout, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not end within " + timeout.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "); see " + dir.resolve("commands.log"));
        }
    }

    static void deleteTree(Path dir) throws IOException {
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
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
