package dev.ferry.connector.http;

import dev.ferry.connector.api.ConnectorException;

import java.util.concurrent.TimeUnit;

/**
 * Spaces a connection's requests evenly: at most {@code perSecond} a second, whichever registration or thread sends
 * them. Nothing is spaced when {@code perSecond} is 0.
 */
final class RateLimit {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    RateLimit(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /** Waits for this request's turn. */
    void acquire() throws ConnectorException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        Pause.nanos(slot - System.nanoTime());
    }
}
