package dev.ferry.itests;

import java.time.Duration;

/** Waiting, for tests that drive a distribution from outside, until something an admin would see holds. */
final class Await {

    private Await() {
    }

    /** Something to check, which may fail while the distribution is still starting. */
    interface Probe {
        boolean holds() throws Exception;
    }

    /** Checks every half second for up to 3 minutes; fails naming what never came. */
    static void until(Probe probe, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.holds()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + what + " within 3 minutes");
    }
}
