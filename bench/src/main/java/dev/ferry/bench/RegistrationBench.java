package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many registrations of the 3-service product {@code bench-small} (a CSV and an NDJSON reader and a CSV writer on
 * a folder of its own), each in its own workspace: how long each {@code POST /registrations} takes, how late their
 * 1-minute schedules start runs, and the heap they hold.
 */
final class RegistrationBench {

    static final String PRODUCT = "bench-small";
    static final Duration PERIOD = Duration.ofMinutes(1);
    private static final Duration REPORT = Duration.ofSeconds(10);

    private RegistrationBench() {
    }

    static void run(FerryApi api, FerryInstance ferry, int count, Duration observe, Path folders, Results results) {
        List<String> workspaces = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            workspaces.add(String.format("bench-w%05d", i));
        }
        Progress.say("creating %,d workspaces and their folders (not timed)", count);
        Map<String, Path> folderOf = new LinkedHashMap<>();
        for (String workspace : workspaces) {
            api.postOk("workspaces", Map.of("name", workspace, "type", "standard", "description", "bench registration"));
            folderOf.put(workspace, peopleFolder(folders.resolve(workspace)));
        }

        Progress.say("registering %s to %,d workspaces, one POST /registrations at a time", PRODUCT, count);
        List<Double> millis = new ArrayList<>();
        long lastReport = System.nanoTime();
        for (String workspace : workspaces) {
            Map<String, Object> body = Map.of("product", PRODUCT, "workspace", workspace,
                    "config", Map.of("folder", folderOf.get(workspace).toString()));
            long start = System.nanoTime();
            FerryApi.Answer answer = api.post("registrations", body);
            long took = System.nanoTime() - start;
            FerryApi.expect("registering " + PRODUCT + " to " + workspace, answer);
            requireRunning(answer.body());
            millis.add(took / 1e6);
            if (System.nanoTime() - lastReport > REPORT.toNanos()) {
                lastReport = System.nanoTime();
                Progress.say("registered %,d of %,d (p99 so far %.1f ms)", millis.size(), count, Percentiles.of(millis, 99));
            }
        }
        results.put("register_p50_ms", Percentiles.of(millis, 50));
        results.put("register_p99_ms", Percentiles.of(millis, 99));
        results.put("register_max_ms", Percentiles.of(millis, 100));
        Progress.say("registered %,d: p50 %.1f ms, p99 %.1f ms", count, Percentiles.of(millis, 50), Percentiles.of(millis, 99));
        Progress.say("the slowest (n-th registration: ms): %s", slowest(millis, Math.max(1, count / 100)));

        Progress.say("watching their 1-minute schedules for %d s", observe.toSeconds());
        Instant until = Instant.now().plus(observe);
        while (Instant.now().isBefore(until)) {
            JobRuns.sleep(Duration.ofMillis(Math.min(30_000, Math.max(0, Duration.between(Instant.now(), until).toMillis()))));
            Progress.say("%d s left", Math.max(0, Duration.between(Instant.now(), until).toSeconds()));
        }

        List<List<FireLag.ScheduledRun>> runs = new ArrayList<>();
        List<Double> runMillis = new ArrayList<>(); // finishedAt - startedAt: what a scheduled run holds a thread for
        long failed = 0;
        for (String workspace : workspaces) {
            List<FireLag.ScheduledRun> scheduled = new ArrayList<>();
            for (JsonNode run : api.get("runs?registration=" + workspace + ":" + PRODUCT + "&limit=1000")) {
                if (!run.path("trigger").asText().equals("schedule")) {
                    continue;
                }
                String status = run.path("status").asText();
                if (status.equals("failed") || status.equals("partial")) {
                    failed++;
                }
                if (run.path("finishedAt").isTextual()) {
                    runMillis.add(Duration.between(Instant.parse(run.path("startedAt").asText()),
                            Instant.parse(run.path("finishedAt").asText())).toNanos() / 1e6);
                }
                JsonNode scheduledAt = run.path("scheduledAt");
                scheduled.add(new FireLag.ScheduledRun(Instant.parse(run.path("startedAt").asText()),
                        scheduledAt.isTextual() ? Instant.parse(scheduledAt.asText()) : null));
            }
            runs.add(scheduled);
        }
        FireLag lag = FireLag.of(runs, PERIOD);
        long runCount = runs.stream().mapToLong(List::size).sum();
        Progress.say("%,d scheduled runs (%,d failed or partial); lag by %s: %,d samples, p50 %.0f ms, p99 %.0f ms",
                runCount, failed, lag.method(), lag.lagsMs().size(), lag.percentileMs(50), lag.percentileMs(99));
        if (!runMillis.isEmpty()) {
            results.put("scheduled_run_p50_ms", Percentiles.of(runMillis, 50));
            results.put("scheduled_run_p99_ms", Percentiles.of(runMillis, 99));
            Progress.say("a scheduled run's own time: p50 %.0f ms, p99 %.0f ms", Percentiles.of(runMillis, 50),
                    Percentiles.of(runMillis, 99));
        }
        results.put("fire_lag_p99_ms", lag.percentileMs(99));
        results.put("fire_lag_p50_ms", lag.percentileMs(50));
        results.put("fire_lag_method", lag.method());
        results.put("fire_lag_samples", lag.lagsMs().size());
        results.put("fire_observe_s", observe.toSeconds());
        results.put("fire_runs", runCount);
        results.put("fire_runs_failed", failed);

        listRegistrations(api, count, results);
        results.put("heap_after_gc_mib", HeapSampler.afterFullGc(ferry.process().pid()));
    }

    /** {@code GET /registrations} as a REST client lists them all, timed while their schedules keep firing. */
    private static void listRegistrations(FerryApi api, int count, Results results) {
        int times = 100;
        Progress.say("listing the %,d registrations with GET /registrations, %d times", count, times);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            JsonNode listed = api.get("registrations");
            millis.add((System.nanoTime() - start) / 1e6);
            if (listed.size() < Math.min(count, 1000)) {
                throw new BenchFailure("GET /registrations listed " + listed.size() + " of " + count + " registrations");
            }
        }
        results.put("list_registrations_p50_ms", Percentiles.of(millis, 50));
        results.put("list_registrations_p99_ms", Percentiles.of(millis, 99));
        Progress.say("GET /registrations: p50 %.1f ms, p99 %.1f ms", Percentiles.of(millis, 50), Percentiles.of(millis, 99));
    }

    /** The {@code n} slowest of the timings, slowest first, each with its position (1-based). */
    static String slowest(List<Double> millis, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < millis.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(millis.get(b), millis.get(a)));
        StringBuilder out = new StringBuilder();
        for (int i : order.subList(0, Math.min(n, order.size()))) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format("#%d: %.0f", i + 1, millis.get(i)));
        }
        return out.toString();
    }

    /** A registration that was stored but cannot run would make every figure after it meaningless. */
    static void requireRunning(JsonNode registration) {
        String runtime = registration.path("runtime").asText();
        if (!runtime.equals("running")) {
            throw new BenchFailure("registration " + registration.path("id").asText() + " does not run: " + runtime);
        }
    }

    /** A folder with a small people-1.csv and people-1.ndjson for a registration to read. */
    private static Path peopleFolder(Path folder) {
        StringBuilder csv = new StringBuilder("id,name,email\n");
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            csv.append(i).append(",Person ").append(i).append(",person").append(i).append("@example.com\n");
            ndjson.append("{\"id\":").append(100 + i).append(",\"name\":\"Person ").append(100 + i)
                    .append("\",\"email\":\"person").append(100 + i).append("@example.com\"}\n");
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("people-1.csv"), csv, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("people-1.ndjson"), ndjson, StandardCharsets.UTF_8);
            return folder;
        } catch (IOException e) {
            throw new BenchFailure("writing the files of " + folder, e);
        }
    }
}
