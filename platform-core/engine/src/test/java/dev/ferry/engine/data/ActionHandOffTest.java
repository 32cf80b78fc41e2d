package dev.ferry.engine.data;

import org.junit.After;
import org.junit.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The cache writer waits for the action processor that follows it only while that one keeps going. */
public class ActionHandOffTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch followerEnds = new CountDownLatch(1);

    @After
    public void stop() {
        followerEnds.countDown();
        threads.shutdownNow();
    }

    private ActionHandOff started() {
        ActionHandOff handOff = new ActionHandOff();
        handOff.start(() -> {
            try {
                followerEnds.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threads);
        return handOff;
    }

    @Test
    public void aWriterWithinReachDoesNotWait() throws Exception {
        ActionHandOff handOff = started();
        handOff.pagesStored(ActionHandOff.AHEAD);
        Future<?> writer = threads.submit(handOff::awaitRoom);
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    public void aWriterTooFarAheadWaitsUntilTheFollowerCatchesUp() throws Exception {
        ActionHandOff handOff = started();
        handOff.pagesStored(ActionHandOff.AHEAD + 2_000);
        handOff.ran(0); // the follower is going
        Future<?> writer = threads.submit(handOff::awaitRoom);
        // the follower keeps running, but not enough yet: the writer waits
        for (int i = 0; i < 5; i++) {
            Thread.sleep(ActionHandOff.STALL_MILLIS / 20);
            handOff.ran(100);
        }
        assertFalse("still more than " + ActionHandOff.AHEAD + " actions ahead: waits", writer.isDone());
        handOff.ran(1_500);
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    public void aFollowerThatRunsNothingHoldsNothingBack() throws Exception {
        ActionHandOff handOff = started();
        handOff.pagesStored(10 * ActionHandOff.AHEAD);
        Future<?> writer = threads.submit(handOff::awaitRoom);
        // a stalled follower (a retry's wait): the writer stops waiting after the stall time, and later waits not at all
        writer.get(5, TimeUnit.SECONDS);
        Future<?> again = threads.submit(handOff::awaitRoom);
        again.get(ActionHandOff.STALL_MILLIS / 2, TimeUnit.MILLISECONDS);
    }

    @Test
    public void aFollowerThatEndedHoldsNothingBack() throws Exception {
        ActionHandOff handOff = started();
        handOff.pagesStored(10 * ActionHandOff.AHEAD);
        handOff.ran(1);
        followerEnds.countDown();
        handOff.join();
        Future<?> writer = threads.submit(handOff::awaitRoom);
        writer.get(ActionHandOff.STALL_MILLIS / 2, TimeUnit.MILLISECONDS);
        assertTrue(writer.isDone());
    }
}
