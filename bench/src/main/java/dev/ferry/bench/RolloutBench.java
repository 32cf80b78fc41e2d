package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Moves every registration of {@code bench-small} to a new version (1.1.0, whose job runs every 2 minutes) with one
 * rollout: a 5 % canary and no watch window, so the figure is Ferry's own time to move them all. Then the product's
 * one entry point is asked how many are on the new version (timed: it works out every registration's state).
 */
final class RolloutBench {

    static final String NEXT = "1.1.0";
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private RolloutBench() {
    }

    static void run(FerryApi api, FerryInstance ferry, Path smallBundle, Path work, int count, Results results) {
        Path next = nextVersion(smallBundle, work.resolve("ferry-bench-product-small-next.jar"));
        ferry.deploy(next);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!api.tryGet("products/" + RegistrationBench.PRODUCT + "?version=" + NEXT, Duration.ofSeconds(10)).ok()) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(RegistrationBench.PRODUCT + " " + NEXT + " was not loaded within 2 minutes; see " + ferry.log());
            }
            JobRuns.sleep(Duration.ofMillis(200));
        }
        Progress.say("rolling %,d registrations of %s to %s (canary 5 %%, no watch window)", count, RegistrationBench.PRODUCT, NEXT);
        long start = System.nanoTime();
        JsonNode rollout = FerryApi.expect("starting the rollout", api.post("rollouts", Map.of("product",
                RegistrationBench.PRODUCT, "version", NEXT, "canaryPercent", 5, "watch", "0")));
        long id = rollout.path("id").asLong();
        String state = rollout.path("state").asText();
        long lastReport = System.nanoTime();
        while (!state.equals("completed")) {
            if (state.equals("failed") || state.equals("rolled-back") || System.nanoTime() - start > LIMIT.toNanos()) {
                throw new BenchFailure("rollout " + id + " ended " + state + ": " + api.get("rollouts/" + id).path("history"));
            }
            JobRuns.sleep(Duration.ofMillis(100));
            JsonNode now = api.get("rollouts/" + id);
            state = now.path("state").asText();
            if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
                lastReport = System.nanoTime();
                long moved = 0;
                for (JsonNode t : now.path("targets")) {
                    moved += t.path("state").asText().equals("applied") ? 1 : 0;
                }
                Progress.say("rollout %d: %s, %,d of %,d moved", id, state, moved, count);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long asked = System.nanoTime();
        long onNext = api.get("products/" + RegistrationBench.PRODUCT + "/registrations?version=" + NEXT + "&limit=1")
                .path("total").asLong();
        results.put("entry_point_ms", (System.nanoTime() - asked) / 1e6);
        if (onNext != count) {
            throw new BenchFailure("after rollout " + id + ", " + onNext + " of " + count + " registrations are on " + NEXT);
        }
        results.put("rollout_s", seconds);
        results.put("rollout_per_registration_ms", seconds * 1000 / count);
        Progress.say("rolled %,d registrations to %s in %.1f s (%.1f ms each)", count, NEXT, seconds, seconds * 1000 / count);
    }

    /** The bench product's bundle again, as version 1.1.0 with its job every 2 minutes. */
    private static Path nextVersion(Path bundle, Path target) {
        try (JarFile jar = new JarFile(bundle.toFile())) {
            String descriptor;
            try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/ferry/product.json"))) {
                descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String changed = descriptor.replaceFirst("\"version\"\\s*:\\s*\"1\\.0\\.0\"", "\"version\": \"" + NEXT + "\"")
                    .replaceFirst("\"every\"\\s*:\\s*\"1m\"", "\"every\": \"2m\"");
            if (!changed.contains("\"" + NEXT + "\"") || !changed.contains("\"2m\"")) {
                throw new BenchFailure("the bench product's descriptor is not the one this bench makes a next version of");
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "dev.ferry.bench.product.small.next");
            manifest.getMainAttributes().putValue("Bundle-Version", NEXT);
            manifest.getMainAttributes().putValue("Ferry-Product", "META-INF/ferry/product.json");
            Files.createDirectories(target.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                out.putNextEntry(new ZipEntry("META-INF/ferry/product.json"));
                out.write(changed.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new BenchFailure("making version " + NEXT + " of the bench product from " + bundle, e);
        }
    }
}
