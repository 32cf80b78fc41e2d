package dev.ferry.connector.api.action;

import dev.ferry.connector.api.ConnectorException;

import java.util.List;

/** The action-processor side of a module: executes actions against the external system. */
public interface ActionProcessor {

    /**
     * Executes a batch of actions, in order.
     *
     * @return one outcome per action, in the same order; a record that fails does not fail the batch
     * @throws ConnectorException when the batch could not be executed at all (system unreachable): the platform
     *                            keeps every action of the batch queued for a later run
     */
    List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException;
}
