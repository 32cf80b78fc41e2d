package ${package};

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers each action: a problem with one record fails that action only; a system that cannot be reached fails the
 * batch (the platform tries its actions again), unless some actions were done already, which then keep their
 * outcomes while the rest wait to be tried again.
 */
final class ${connectorClass}Writer implements ActionProcessor {

    @Override
    public List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException {
        DataObject object = context.object();
        ItemFolder folder = ItemFolder.of(context.connection());
        String keyField = object.primaryKey().get(0);
        List<ActionOutcome> outcomes = new ArrayList<>();
        for (Action action : actions) {
            Object key = action.record().get(keyField);
            try {
                outcomes.add(run(folder, object, action, key));
            } catch (ConnectorException e) {
                if (outcomes.isEmpty()) {
                    throw e;
                }
                outcomes.add(ActionOutcome.retryLater(action.id(), e.code(), e.getMessage()));
            }
        }
        return outcomes;
    }

    private static ActionOutcome run(ItemFolder folder, DataObject object, Action action, Object key)
            throws ConnectorException {
        Optional<Map<String, Object>> stored = folder.read(object, key);
        switch (action.operation()) {
            case INSERT:
                if (stored.isPresent()) {
                    return ActionOutcome.failed(action.id(), "exists", "a record with key " + key + " exists");
                }
                folder.write(object, key, action.record());
                return ActionOutcome.succeeded(action.id(), null);
            case UPDATE:
                if (stored.isEmpty()) {
                    return ActionOutcome.failed(action.id(), "not_found", "no record with key " + key);
                }
                folder.write(object, key, action.record());
                return ActionOutcome.succeeded(action.id(), null);
            case UPSERT:
                folder.write(object, key, action.record());
                return ActionOutcome.succeeded(action.id(), null);
            case DELETE:
                folder.delete(object, key);
                return ActionOutcome.succeeded(action.id(), null);
            case GET:
                if (stored.isEmpty()) {
                    return ActionOutcome.failed(action.id(), "not_found", "no record with key " + key);
                }
                try {
                    return ActionOutcome.succeeded(action.id(), object.toRecord(stored.get()));
                } catch (IllegalArgumentException e) {
                    return ActionOutcome.failed(action.id(), "invalid_record", e.getMessage());
                }
            default:
                return ActionOutcome.failed(action.id(), "unsupported", "operation " + action.operation().label()
                        + " is not supported");
        }
    }
}
