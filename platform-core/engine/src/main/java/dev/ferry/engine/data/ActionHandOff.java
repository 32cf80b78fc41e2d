package dev.ferry.engine.data;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A cache writer's actions passed on to an action processor that a later step of the same job runs: the processor
 * starts on its own thread as soon as the first page is stored and follows the queue while the read goes on, so
 * reading one system and writing the other overlap. The queue stays the durable record; the later step waits for
 * the follower and then runs whatever is left.
 */
final class ActionHandOff {

    private final Object signal = new Object();
    private volatile boolean readerDone;
    private long stored;
    private CompletableFuture<Void> follower;

    void start(Runnable follow, java.util.concurrent.Executor executor) {
        follower = CompletableFuture.runAsync(follow, executor);
    }

    /** The cache writer stored more pages. */
    void pagesStored() {
        synchronized (signal) {
            stored++;
            signal.notifyAll();
        }
    }

    /** The cache writer will store no more (it ended, well or not). */
    void finish() {
        synchronized (signal) {
            readerDone = true;
            signal.notifyAll();
        }
    }

    boolean readerDone() {
        return readerDone;
    }

    /** Waits until pages are stored or the read ends (at most a second, so a stop request is seen). */
    void awaitPages() {
        synchronized (signal) {
            long seen = stored;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (stored == seen && !readerDone && System.nanoTime() < deadline) {
                    signal.wait(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the follower; rethrows how it failed. */
    void join() {
        try {
            follower.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the action processor", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
