package dev.ferry.connector.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The acknowledgements of one read's channel. Messages are acknowledged, up to a delivery tag, only when the platform
 * says the records before it are stored; the channel closes after the read's last batch, and the broker puts what
 * was never acknowledged back in the queue. A read whose last notice never comes (the run failed) is let go after
 * {@link #ABANDONED_AFTER_MILLIS}, with the same effect.
 */
final class Acks {

    static final long ABANDONED_AFTER_MILLIS = 10 * 60_000;

    private final Channel channel;
    private final long began = System.currentTimeMillis();
    private long acknowledged;
    private boolean closed;

    Acks(Channel channel) {
        this.channel = channel;
    }

    /** What the platform runs when the records up to {@code tag} are stored. */
    Runnable upTo(long tag) {
        return () -> acknowledge(tag, false);
    }

    /** The same for the read's last batch: the channel closes afterwards. */
    Runnable upToAndClose(long tag) {
        return () -> acknowledge(tag, true);
    }

    synchronized void acknowledge(long tag, boolean last) {
        if (closed) {
            return;
        }
        if (tag > acknowledged) {
            try {
                channel.basicAck(tag, true);
                acknowledged = tag;
            } catch (IOException | AlreadyClosedException e) {
                // the channel is gone: its messages went back to the queue and are read (and found unchanged) again
            }
        }
        if (last) {
            close();
        }
    }

    /** How many messages up to {@code deliveredTag} are not acknowledged yet (tags count a channel's deliveries). */
    synchronized long outstanding(long deliveredTag) {
        return deliveredTag - acknowledged;
    }

    /** Gives the read up: what was not acknowledged goes back to the queue. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException | TimeoutException | AlreadyClosedException e) {
            // closed already
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    boolean abandoned(long now) {
        return now - began > ABANDONED_AFTER_MILLIS;
    }
}
