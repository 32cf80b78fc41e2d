package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Starts a job of a registration by hand over REST and follows its run to the end, saying how it goes. */
final class JobRuns {

    /** How slow a run may be before the bench gives up: 20 ms a row (50 rows/s), beyond a fixed two minutes. */
    static final Duration BASE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration PER_ROW = Duration.ofMillis(20);
    /** A run whose counts do not move for this long is taken as stuck. */
    static final Duration STALL = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT = Duration.ofSeconds(10);

    /** A run that ended; its duration is the platform's own (finishedAt − startedAt). */
    record Finished(long id, Instant startedAt, Instant finishedAt, long rowsRead, long inserted, long updated,
                    long deleted, long unchanged, long actionsSucceeded, long actionsFailed) {
        double seconds() {
            return Duration.between(startedAt, finishedAt).toNanos() / 1e9;
        }

        String counts() {
            return String.format("read %,d (inserted %,d, updated %,d, deleted %,d, unchanged %,d), actions %,d done, %,d failed",
                    rowsRead, inserted, updated, deleted, unchanged, actionsSucceeded, actionsFailed);
        }
    }

    private JobRuns() {
    }

    static Duration timeoutFor(long rows) {
        return BASE_TIMEOUT.plus(PER_ROW.multipliedBy(rows));
    }

    /**
     * Runs {@code job} of {@code registration} now and waits for it.
     *
     * @param rows the rows the run reads, for its time limit
     * @throws BenchFailure when it cannot start, fails, stalls or takes too long
     */
    static Finished run(FerryApi api, String registration, String job, long rows, String label) {
        long runId = start(api, registration, job);
        Duration limit = timeoutFor(rows);
        Progress.say("%s: run %d of %s/%s started (gives up after %d s, or %d s without progress)", label, runId,
                registration, job, limit.toSeconds(), STALL.toSeconds());
        long begin = System.nanoTime();
        long lastReport = begin;
        long lastChange = begin;
        String lastProgress = "";
        while (true) {
            sleep(POLL);
            JsonNode run = api.get("runs/" + runId);
            String status = run.path("status").asText();
            long now = System.nanoTime();
            if (!status.equals("running")) {
                if (!status.equals("succeeded")) {
                    throw new BenchFailure(label + ": run " + runId + " ended " + status + ": " + run.path("message").asText()
                            + issues(run));
                }
                Finished done = finished(run);
                Progress.say("%s: run %d succeeded in %.1f s: %s", label, runId, done.seconds(), done.counts());
                return done;
            }
            String progress = run.path("step").asText() + "/" + run.path("rowsRead").asLong() + "/"
                    + run.path("actionsSucceeded").asLong() + "/" + run.path("deleted").asLong();
            if (!progress.equals(lastProgress)) {
                lastProgress = progress;
                lastChange = now;
            }
            if (now - lastReport >= REPORT.toNanos()) {
                lastReport = now;
                Progress.say("%s: step %s, rows read %,d, actions done %,d, %,.0f rows/s so far", label,
                        run.path("step").asText(), run.path("rowsRead").asLong(), run.path("actionsSucceeded").asLong(),
                        run.path("rowsPerSecond").asDouble());
            }
            if (now - lastChange > STALL.toNanos()) {
                throw new BenchFailure(label + ": run " + runId + " made no progress for " + STALL.toSeconds() + " s: " + run);
            }
            if (now - begin > limit.toNanos()) {
                throw new BenchFailure(label + ": run " + runId + " did not end within " + limit.toSeconds() + " s: " + run);
            }
        }
    }

    /** Starts the job; a registration that is still being deployed answers 409 for a moment. */
    private static long start(FerryApi api, String registration, String job) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            FerryApi.Answer answer = api.post("registrations/" + registration + "/jobs/" + job + "/runs", Map.of());
            if (answer.ok()) {
                return answer.body().path("id").asLong();
            }
            if (answer.status() != 409 || System.nanoTime() > deadline) {
                FerryApi.expect("starting job " + job + " of " + registration, answer);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    static Finished finished(JsonNode run) {
        return new Finished(run.path("id").asLong(), Instant.parse(run.path("startedAt").asText()),
                Instant.parse(run.path("finishedAt").asText()), run.path("rowsRead").asLong(), run.path("inserted").asLong(),
                run.path("updated").asLong(), run.path("deleted").asLong(), run.path("unchanged").asLong(),
                run.path("actionsSucceeded").asLong(), run.path("actionsFailed").asLong());
    }

    private static String issues(JsonNode run) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (JsonNode issue : run.path("issues")) {
            if (shown++ == 5) {
                break;
            }
            s.append("\n  ").append(issue.path("step").asText()).append(" ").append(issue.path("location").asText())
                    .append(": ").append(issue.path("reason").asText());
        }
        return s.toString();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
