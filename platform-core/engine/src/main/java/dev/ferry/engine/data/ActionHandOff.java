package dev.ferry.engine.data;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A cache writer's actions passed on to an action processor that a later step of the same job runs: the processor
 * starts on its own thread as soon as the first page is stored and follows the queue while the read goes on, so
 * reading one system and writing the other overlap. The queue stays the durable record; the later step waits for
 * the follower and then runs whatever is left.
 *
 * <p>The cache writer stays at most {@value #AHEAD} actions ahead of a follower that keeps going: a read faster than
 * the target would otherwise pile the whole table up in the queue, and a queue far larger than the store's page cache
 * makes every action cost more the more rows a run moves (a million rows took 1.4 times as long a row as a hundred
 * thousand), while the reading took the processors the writing needed. A follower that ran nothing for
 * {@value #STALL_MILLIS} ms (a retry's wait, a slow target) holds nothing back: the queue takes the rest, as it is
 * there for.
 */
final class ActionHandOff {

    /** Actions the cache writer may have stored that the follower has not run yet before it waits. */
    static final long AHEAD = 40_000;
    /** How long the follower may run nothing before the cache writer stops waiting for it. */
    static final long STALL_MILLIS = 1_000;

    private final Object signal = new Object();
    private volatile boolean readerDone;
    private long stored;
    private long storedActions;
    private long ranActions;
    private long ranAt = System.nanoTime();
    private CompletableFuture<Void> follower;

    void start(Runnable follow, java.util.concurrent.Executor executor) {
        follower = CompletableFuture.runAsync(follow, executor);
    }

    /** The cache writer stored more pages, holding {@code actions} actions for this follower's service. */
    void pagesStored(long actions) {
        synchronized (signal) {
            stored++;
            storedActions += actions;
            signal.notifyAll();
        }
    }

    /** The follower ran (or closed) {@code actions} more actions. */
    void ran(long actions) {
        synchronized (signal) {
            ranActions += actions;
            ranAt = System.nanoTime();
            signal.notifyAll();
        }
    }

    /**
     * Waits, on the cache writer's thread, while it is more than {@value #AHEAD} actions ahead of a follower that is
     * still running and ran something in the last {@value #STALL_MILLIS} ms; returns at once otherwise.
     */
    void awaitRoom() {
        synchronized (signal) {
            try {
                while (storedActions - ranActions > AHEAD && follower != null && !follower.isDone()) {
                    long stalledFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ranAt);
                    if (stalledFor >= STALL_MILLIS) {
                        return; // the follower is waiting for something else: the queue holds what is read
                    }
                    signal.wait(STALL_MILLIS - stalledFor);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
