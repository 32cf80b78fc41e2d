package dev.ferry.connector.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Publishes each action's record as a JSON message (its operation in the {@code ferry-operation} header, the action's
 * id as the message id) and waits for the broker's confirms: a batch counts as done only when the broker has taken
 * every message of it. A message no queue takes (the routing key is bound to none) fails its action.
 */
final class QueuePublisher implements ActionProcessor {

    static final Set<Operation> OPERATIONS = Set.of(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);
    static final String OPERATION_HEADER = "ferry-operation";

    private final Brokers brokers;

    QueuePublisher(Brokers brokers) {
        this.brokers = brokers;
    }

    @Override
    public List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException {
        QueueOptions options = QueueOptions.of(context.object());
        BrokerSettings settings = BrokerSettings.of(context.connection());
        Channel channel = brokers.channel(context.connection());
        Set<String> unroutable = ConcurrentHashMap.newKeySet();
        try {
            channel.addReturnListener(r -> unroutable.add(r.getProperties().getMessageId()));
            channel.confirmSelect();
            for (Action action : actions) {
                if (!OPERATIONS.contains(action.operation())) {
                    continue;
                }
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json").deliveryMode(options.persistent() ? 2 : 1)
                        .messageId(Long.toString(action.id())).timestamp(new Date())
                        .headers(Map.of(OPERATION_HEADER, action.operation().label())).build();
                channel.basicPublish(options.exchange(), options.routingKey(), true, properties,
                        MessageJson.body(action.record()));
            }
            channel.waitForConfirmsOrDie(settings.timeoutSeconds() * 1000L);
        } catch (TimeoutException e) {
            throw new ConnectorException("not_confirmed", "the broker at " + settings.where() + " did not confirm "
                    + actions.size() + " message(s) to " + target(options) + " within " + settings.timeoutSeconds()
                    + " s", true, null);
        } catch (IOException | ShutdownSignalException e) {
            ShutdownSignalException reason = e instanceof ShutdownSignalException s ? s
                    : e.getCause() instanceof ShutdownSignalException s ? s : null;
            String text = reason == null ? String.valueOf(e.getMessage()) : String.valueOf(reason.getMessage());
            if (text.contains("NOT_FOUND")) {
                throw new ConnectorException("exchange_missing", "exchange '" + options.exchange() + "' does not exist"
                        + " at " + settings.where(), false, null);
            }
            throw new ConnectorException("not_confirmed", "publishing to " + target(options) + " at " + settings.where()
                    + " failed: " + text, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted", "stopped while waiting for the broker's confirms", true, e);
        } finally {
            try {
                channel.close();
            } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
                // closed already
            }
        }
        List<ActionOutcome> outcomes = new ArrayList<>(actions.size());
        for (Action action : actions) {
            if (!OPERATIONS.contains(action.operation())) {
                outcomes.add(ActionOutcome.failed(action.id(), "unsupported", "operation '" + action.operation().label()
                        + "' is not supported: a queue is published to (insert, update, upsert)"));
            } else if (unroutable.contains(Long.toString(action.id()))) {
                outcomes.add(ActionOutcome.failed(action.id(), "unroutable", "no queue takes routing key '"
                        + options.routingKey() + "' on " + target(options)));
            } else {
                outcomes.add(ActionOutcome.succeeded(action.id(), null));
            }
        }
        return outcomes;
    }

    private static String target(QueueOptions options) {
        return options.exchange().isEmpty() ? "the default exchange" : "exchange '" + options.exchange() + "'";
    }
}
