package dev.ferry.engine.data;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.engine.descriptor.ProductDescriptor.RetryDef;
import dev.ferry.engine.descriptor.Schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** A service's retries: exponential backoff with jitter up to its limit of attempts, then dead. */
final class RetryPolicy {

    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final int maxAttempts;
    private final Duration firstDelay;

    RetryPolicy(RetryDef def) {
        this.maxAttempts = def.maxAttempts();
        this.firstDelay = Schedules.interval(def.firstDelay());
    }

    /** Whether an action that has been tried {@code attempts} times may be tried again. */
    boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * {@link #next(int, Instant)}, but no sooner than the system asked ({@link ConnectorException#retryAfter}), when
     * it did.
     */
    Instant next(int attempts, Instant now, ConnectorException failure) {
        Instant next = next(attempts, now);
        Instant asked = failure == null ? null : failure.retryAfter().map(now::plus).orElse(null);
        return asked != null && asked.isAfter(next) ? asked : next;
    }

    /** When an action tried {@code attempts} times runs next: the first delay, doubled per attempt, ±25 %. */
    Instant next(int attempts, Instant now) {
        long millis = firstDelay.toMillis() << Math.min(20, Math.max(0, attempts - 1));
        millis = Math.min(millis, MAX_DELAY.toMillis());
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return now.plusMillis((long) (millis * jitter));
    }
}
