package dev.ferry.connector.api.action;

import dev.ferry.connector.api.ConnectorException;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;

/** The action-processor side of a module: executes actions against the external system. */
@ConsumerType
public interface ActionProcessor {

    /**
     * Executes a batch of actions, in order.
     *
     * @return one outcome per action, in the same order; a record that fails does not fail the batch. An outcome
     *         made with {@link ActionOutcome#retryLater} is tried again with backoff, up to the service's limit
     * @throws ConnectorException when the batch could not be executed at all (system unreachable): none of its
     *                            actions counts as done; the platform tries them again with backoff, up to the
     *                            service's limit, and holds back the actions queued after them meanwhile, so they
     *                            keep their order. Actions of earlier batches that returned outcomes never run again
     */
    List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException;
}
