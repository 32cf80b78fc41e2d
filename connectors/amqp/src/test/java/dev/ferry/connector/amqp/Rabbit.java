package dev.ferry.connector.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataRecord;
import org.junit.rules.ExternalResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The RabbitMQ broker on this machine (127.0.0.1:5672, guest/guest), as another application uses it: a queue of the
 * test's own (deleted afterwards), messages published to it and counted in it.
 */
final class Rabbit extends ExternalResource {

    static final String URL = "amqp://127.0.0.1:5672/%2F";

    final String queue = "ferry-test-" + UUID.randomUUID();
    private Connection connection;
    private Channel channel;

    @Override
    protected void before() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        connection = factory.newConnection("ferry-tests");
        channel = connection.createChannel();
        // publisher confirms: a message published is in the queue before the test reads the queue's depth
        channel.confirmSelect();
        channel.queueDeclare(queue, true, false, false, null);
    }

    @Override
    protected void after() {
        try {
            channel.queueDelete(queue);
            connection.close();
        } catch (Exception e) {
            // the broker cleans up a closed connection's channels
        }
    }

    static Config connection(String... more) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(BrokerSettings.URL, URL, BrokerSettings.USER, "guest",
                BrokerSettings.PASSWORD, "guest"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return Config.of(values);
    }

    void purge() throws Exception {
        channel.queuePurge(queue);
    }

    /**
     * Publishes and waits for the broker's confirm: publishing is asynchronous, and a reader counting the queue's
     * messages on another connection could otherwise start before they are all queued.
     */
    void publish(String body) throws Exception {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    void publish(DataRecord record) throws Exception {
        publish(new String(MessageJson.body(record), StandardCharsets.UTF_8));
    }

    /** Messages ready in the queue (not those a consumer holds unacknowledged). */
    int ready() throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /**
     * The ready messages once the count holds still at {@code expected} (the broker puts a closed channel's
     * unacknowledged messages back a moment after the close), or the count after 10 s.
     */
    int ready(int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int ready;
        while ((ready = ready()) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return ready;
    }

    /** Takes every ready message off the queue, acknowledged: body and operation header. */
    List<String> drain() throws Exception {
        List<String> taken = new ArrayList<>();
        GetResponse r;
        while ((r = channel.basicGet(queue, true)) != null) {
            Object op = r.getProps().getHeaders() == null ? null : r.getProps().getHeaders().get("ferry-operation");
            taken.add((op == null ? "" : op + " ") + new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return taken;
    }
}
