package dev.ferry.connector.http;

import dev.ferry.connector.api.ConnectorException;

import java.util.concurrent.TimeUnit;

/** Waiting that a platform stopping a run can cut short. */
final class Pause {

    private Pause() {
    }

    static void nanos(long nanos) throws ConnectorException {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted", "stopped while waiting to call the API again", true, e);
        }
    }
}
