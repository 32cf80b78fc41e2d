package dev.ferry.connector.amqp;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.data.DataObject;

import java.util.ArrayList;
import java.util.List;

/**
 * How a data object maps onto the broker: the queue it is read from, whether Ferry declares it, how much a read
 * takes, and where its actions are published.
 */
record QueueOptions(String queue, boolean declare, int maxMessages, int ackEvery, long waitMillis, String exchange,
                    String routingKey, boolean persistent) {

    static final String QUEUE = "queue";
    static final String DECLARE = "declare";
    static final String MAX_MESSAGES = "maxMessages";
    static final String ACK_EVERY = "ackEvery";
    static final String WAIT_MILLIS = "waitMillis";
    static final String EXCHANGE = "exchange";
    static final String ROUTING_KEY = "routingKey";
    static final String PERSISTENT = "persistent";

    static List<ConfigField> fields() {
        return List.of(
                ConfigField.optional(QUEUE, ConfigType.STRING, null, "The queue; default: the object's name"),
                ConfigField.optional(DECLARE, ConfigType.BOOLEAN, "false",
                        "Declare the queue (durable) when it does not exist; otherwise a missing queue is an error"),
                ConfigField.optional(MAX_MESSAGES, ConfigType.INTEGER, "100000",
                        "The most messages one read takes; the rest wait for the next run"),
                ConfigField.optional(ACK_EVERY, ConfigType.INTEGER, "500",
                        "Messages acknowledged together, each batch once the platform has stored its records"),
                ConfigField.optional(WAIT_MILLIS, ConfigType.INTEGER, "1000",
                        "How long a read waits for the next message before it ends"),
                ConfigField.optional(EXCHANGE, ConfigType.STRING, "",
                        "The exchange actions are published to; empty: the default exchange, straight to the queue"),
                ConfigField.optional(ROUTING_KEY, ConfigType.STRING, null,
                        "The routing key actions are published with; default: the queue's name"),
                ConfigField.optional(PERSISTENT, ConfigType.BOOLEAN, "true",
                        "Publish messages persistent, so a broker restart keeps them"));
    }

    /**
     * Reads and checks an object's options.
     *
     * @throws ConfigException naming each option that cannot be used
     */
    static QueueOptions of(DataObject object) {
        Config o = object.options();
        List<ConfigException.Problem> problems = new ArrayList<>();
        String queue = o.get(QUEUE).filter(q -> !q.isBlank()).orElse(object.name());
        if (queue.length() > 255) {
            problems.add(new ConfigException.Problem(QUEUE, "a queue name has at most 255 characters"));
        }
        int max = (int) number(o, MAX_MESSAGES, 100_000, 1, 10_000_000, problems);
        int ackEvery = (int) number(o, ACK_EVERY, 500, 1, 65_535, problems);
        long wait = number(o, WAIT_MILLIS, 1000, 0, 600_000, problems);
        String exchange = o.string(EXCHANGE, "");
        String routingKey = o.get(ROUTING_KEY).filter(k -> !k.isEmpty()).orElse(queue);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new QueueOptions(queue, o.bool(DECLARE, false), max, ackEvery, wait, exchange, routingKey,
                o.bool(PERSISTENT, true));
    }

    private static long number(Config o, String name, long fallback, long min, long max,
                               List<ConfigException.Problem> problems) {
        long value;
        try {
            value = o.integer(name, fallback);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            problems.add(new ConfigException.Problem(name, "'" + o.string(name, "") + "' is not a whole number between "
                    + min + " and " + max));
            return fallback;
        }
        return value;
    }
}
