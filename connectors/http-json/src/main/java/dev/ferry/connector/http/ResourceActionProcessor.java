package dev.ferry.connector.http;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends actions to a resource, one request each: insert POSTs to the resource; update and upsert send the record to
 * the item's URL with the object's update method (PATCH by default, so fields Ferry does not know stay), an upsert
 * POSTing when the item does not exist; delete DELETEs the item (an item already gone counts as deleted); get
 * GETs it.
 *
 * <p>An answer about the record (a 4xx) fails that action; a server's failure (5xx, 408) asks for that action to be
 * retried later. No answer at all, a rate limit outlasting the retries, or refused credentials stop the batch: the
 * actions not yet sent wait, and when none was sent the batch fails as a whole.
 */
final class ResourceActionProcessor implements ActionProcessor {

    private final ApiConnections connections;

    ResourceActionProcessor(ApiConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException {
        DataObject object = context.object();
        ResourceOptions options = ResourceOptions.of(object);
        ApiConnection api = connections.of(context.connection());
        List<ActionOutcome> outcomes = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            try {
                outcomes.add(run(api, options, object, actions.get(i)));
            } catch (ConnectorException e) {
                if (outcomes.isEmpty()) {
                    throw e;
                }
                for (Action rest : actions.subList(i, actions.size())) {
                    outcomes.add(e.retriable() ? ActionOutcome.retryLater(rest.id(), e.code(), e.getMessage())
                            : ActionOutcome.failed(rest.id(), e.code(), e.getMessage()));
                }
                break;
            }
        }
        return outcomes;
    }

    private ActionOutcome run(ApiConnection api, ResourceOptions options, DataObject object, Action action)
            throws ConnectorException {
        DataRecord record = action.record();
        Object key = record.get(object.primaryKey().get(0));
        HttpSettings settings = api.settings();
        if (key == null && action.operation() != dev.ferry.connector.api.action.Operation.INSERT) {
            return ActionOutcome.failed(action.id(), "invalid_record", "the record has no value for its key '"
                    + object.primaryKey().get(0) + "', which addresses the item");
        }
        switch (action.operation()) {
            case INSERT:
                return outcome(action, api.send("POST", options.resource(settings), body(record)), null);
            case UPDATE:
                return outcome(action, api.send(options.updateMethod(), item(options, settings, key), body(record)), null);
            case UPSERT: {
                ApiConnection.Answer answer = api.send(options.updateMethod(), item(options, settings, key), body(record));
                if (answer.status() == 404) {
                    answer = api.send("POST", options.resource(settings), body(record));
                }
                return outcome(action, answer, null);
            }
            case DELETE: {
                ApiConnection.Answer answer = api.send("DELETE", item(options, settings, key), null);
                return answer.status() == 404 || answer.status() == 410
                        ? ActionOutcome.succeeded(action.id(), null) : outcome(action, answer, null);
            }
            case GET: {
                ApiConnection.Answer answer = api.send("GET", item(options, settings, key), null);
                if (!answer.ok()) {
                    return outcome(action, answer, null);
                }
                try {
                    return ActionOutcome.succeeded(action.id(), object.toRecord(JsonValues.of(answer.json(), object)));
                } catch (IllegalArgumentException e) {
                    return ActionOutcome.failed(action.id(), "invalid_record", answer.request() + ": " + e.getMessage());
                }
            }
            default:
                throw new IllegalStateException(action.operation().name());
        }
    }

    /** How an answer ends an action, or the batch (see the class comment). */
    private static ActionOutcome outcome(Action action, ApiConnection.Answer answer, DataRecord output)
            throws ConnectorException {
        if (answer.ok()) {
            return ActionOutcome.succeeded(action.id(), output);
        }
        ConnectorException failure = answer.failure();
        int status = answer.status();
        if (status == 429 || status == 401 || status == 403) {
            throw failure;
        }
        return answer.retriable() ? ActionOutcome.retryLater(action.id(), failure.code(), failure.getMessage())
                : ActionOutcome.failed(action.id(), failure.code(), failure.getMessage());
    }

    private static URI item(ResourceOptions options, HttpSettings settings, Object key) {
        return options.item(settings, key);
    }

    private static byte[] body(DataRecord record) {
        return dev.ferry.connector.api.data.Json.record(record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
