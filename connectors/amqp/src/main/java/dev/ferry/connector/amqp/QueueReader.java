package dev.ferry.connector.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Consumes a queue: the messages in it when the read starts (up to the object's most), each a JSON object holding a
 * record. Messages are acknowledged in batches, each only once the platform has stored its records; a message that
 * is not a record is rejected in the run and by the broker (without requeueing: dead-lettered when the queue has a
 * dead-letter exchange). A queue is read incrementally only: what a read takes is gone, so no read sees everything.
 */
final class QueueReader implements CacheWriter {

    private final Brokers brokers;
    private final OpenReads reads;

    QueueReader(Brokers brokers, OpenReads reads) {
        this.brokers = brokers;
        this.reads = reads;
    }

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        QueueOptions options = QueueOptions.of(object);
        if (context.mode() == ReadMode.FULL) {
            throw new ConnectorException("full_read", "queue '" + options.queue() + "' can only be read incrementally:"
                    + " a message read is taken out of it, so no read sees everything; set the service's mode to"
                    + " incremental", false);
        }
        BrokerSettings settings = BrokerSettings.of(context.connection());
        Channel channel = brokers.channel(context.connection());
        Acks acks = reads.add(new Acks(channel));
        long lastTag = 0;
        long deliveredTag = 0;
        try {
            int waiting = declare(channel, options);
            int expected = Math.min(waiting, options.maxMessages());
            if (expected == 0) {
                acks.close();
                return Optional.empty();
            }
            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            // room for the batches the platform is still storing: their messages stay unacknowledged until it has
            int window = Math.min(expected, Math.min(65_535, 10 * options.ackEvery()));
            channel.basicQos(window);
            String consumer = channel.basicConsume(options.queue(), false, (tag, delivery) -> deliveries.add(delivery),
                    tag -> { });
            int taken = 0;
            while (taken < expected) {
                Delivery delivery = deliveries.poll(options.waitMillis(), TimeUnit.MILLISECONDS);
                if (delivery == null) {
                    if (!channel.isOpen()) {
                        throw closed(options, settings, channel.getCloseReason());
                    }
                    if (acks.outstanding(deliveredTag) >= window) {
                        continue; // the broker waits for the platform to store (and acknowledge) what it has
                    }
                    break; // others took the rest, or it is slow to come: the next run reads on
                }
                taken++;
                long tag = delivery.getEnvelope().getDeliveryTag();
                deliveredTag = tag;
                DataRecord record = record(delivery, object, options, taken, context, channel);
                if (record != null) {
                    // acknowledged up to the last record emitted: a rejected message is settled already
                    lastTag = tag;
                    if (!context.emit(record)) {
                        break;
                    }
                }
                if (taken % options.ackEvery() == 0) {
                    context.checkpoint(null, acks.upTo(lastTag));
                }
            }
            try {
                channel.basicCancel(consumer);
            } catch (IOException e) {
                // the channel closes after the last acknowledgement anyway
            }
        } catch (IOException | ShutdownSignalException e) {
            acks.close();
            throw closed(options, settings, e instanceof ShutdownSignalException s ? s
                    : e.getCause() instanceof ShutdownSignalException s ? s : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acks.close();
            throw new ConnectorException("interrupted", "stopped while reading queue '" + options.queue() + "'", true, e);
        }
        context.checkpoint(null, acks.upToAndClose(lastTag));
        return Optional.empty();
    }

    /** The number of messages waiting in the queue; declares it first when the object says so. */
    private static int declare(Channel channel, QueueOptions options) throws IOException {
        AMQP.Queue.DeclareOk ok = options.declare()
                ? channel.queueDeclare(options.queue(), true, false, false, null)
                : channel.queueDeclarePassive(options.queue());
        return ok.getMessageCount();
    }

    private static DataRecord record(Delivery delivery, DataObject object, QueueOptions options, int n,
                                     ReadContext context, Channel channel) throws IOException {
        try {
            return object.toRecord(MessageJson.values(delivery.getBody(), object));
        } catch (IllegalArgumentException e) {
            String id = delivery.getProperties().getMessageId();
            context.reject("queue " + options.queue() + " message " + n + (id == null ? "" : " (id " + id + ")"),
                    e.getMessage() + "; rejected without requeueing (dead-lettered if the queue has a dead-letter exchange)");
            channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
            return null;
        }
    }

    /** Why the broker closed the channel: a missing queue (404), no access (403), or the connection going away. */
    static ConnectorException closed(QueueOptions options, BrokerSettings settings, ShutdownSignalException reason) {
        String text = reason == null ? "" : String.valueOf(reason.getMessage());
        if (text.contains("NOT_FOUND")) {
            return new ConnectorException("queue_missing", "queue '" + options.queue() + "' does not exist at "
                    + settings.where() + "; create it, or set the object's option declare=true", false, null);
        }
        if (text.contains("ACCESS_REFUSED")) {
            return new ConnectorException("forbidden", "user '" + settings.user() + "' may not use queue '"
                    + options.queue() + "' at " + settings.where(), false, null);
        }
        return new ConnectorException("channel_closed", "the broker at " + settings.where() + " closed the channel"
                + " while queue '" + options.queue() + "' was read" + (text.isEmpty() ? "" : ": " + text), true, null);
    }
}
