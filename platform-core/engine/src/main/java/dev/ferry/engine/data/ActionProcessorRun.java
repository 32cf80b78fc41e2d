package dev.ferry.engine.data;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.ActionEntity;
import dev.ferry.store.ActionPageTable;
import dev.ferry.store.ActionTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One action-processor step of a run: runs the service's queued pages of actions, oldest first, in batches, until
 * none is left. After each batch its outcomes are stored: the page remembers how many of its actions are closed
 * (they never run again), failed ones are kept for a person to see, and a page goes when all its actions are closed.
 */
final class ActionProcessorRun {

    private final DataPath path;
    private final ResolvedRegistration reg;
    private final ResolvedService svc;
    private final RunProgress run;

    ActionProcessorRun(DataPath path, ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        this.path = path;
        this.reg = reg;
        this.svc = svc;
        this.run = run;
    }

    void execute() {
        drain(0);
        path.ledger.save(run);
    }

    /**
     * Runs pages as the cache writer of the same run stores them, until it is done and nothing is left: the write
     * side works while the read side reads.
     */
    void follow(ActionHandOff handOff) {
        long after = 0;
        while (true) {
            boolean readerDone = handOff.readerDone();
            after = drain(after);
            if (readerDone) {
                return;
            }
            handOff.awaitPages();
        }
    }

    /** Runs the pages after {@code after} until none is left; returns the last page run. */
    private long drain(long after) {
        long scope = path.scope(reg, svc.id());
        ActionProcessor processor = svc.connector().actionProcessor(svc.def().module());
        while (true) {
            DataPath.stopIfCancelled(reg, svc, run);
            long from = after;
            List<ActionPageTable.Page> pages = path.data.inTransaction(c -> ActionPageTable.next(c, scope, from, Instant.now(), 4));
            if (pages.isEmpty()) {
                return after;
            }
            for (ActionPageTable.Page page : pages) {
                runPage(scope, processor, page);
                after = page.id();
            }
        }
    }

    private void runPage(long scope, ActionProcessor processor, ActionPageTable.Page page) {
        ActionPage.Decoded decoded = ActionPage.read(page.data(), page.done());
        List<ActionPage.Queued> queued = decoded.actions();
        for (int start = 0; start < queued.size(); start += DataPath.PAGE) {
            DataPath.stopIfCancelled(reg, svc, run);
            List<ActionPage.Queued> batch = queued.subList(start, Math.min(queued.size(), start + DataPath.PAGE));
            List<Action> actions = new ArrayList<>(batch.size());
            List<ActionTable.Closed> failed = new ArrayList<>();
            for (ActionPage.Queued q : batch) {
                try {
                    actions.add(q.toAction(page.id(), svc.object()));
                } catch (IllegalArgumentException e) {
                    failed.add(closed(q, decoded.origin(), "invalid_record", e.getMessage()));
                }
            }
            List<ActionOutcome> outcomes;
            try {
                outcomes = actions.isEmpty() ? List.of() : processor.execute(svc, actions);
            } catch (ConnectorException e) {
                long queuedNow = path.data.inTransaction(c -> {
                    ActionPageTable.deferred(c, page, null, e.getMessage());
                    return ActionPageTable.pending(c, scope);
                });
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), e.getMessage() + " [" + e.code()
                        + "]; " + queuedNow + " action(s) stay queued for the next run", e);
            }
            if (outcomes.size() != actions.size()) {
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                        + "' returned " + outcomes.size() + " outcomes for " + actions.size() + " actions; they stay queued", null);
            }
            for (ActionOutcome o : outcomes) {
                if (!o.succeeded()) {
                    ActionPage.Queued q = queued.get(indexIn(queued, ActionPage.indexOf(o.actionId())));
                    failed.add(closed(q, decoded.origin(), o.code(), String.join("; ", o.errors())));
                }
            }
            int done = batch.get(batch.size() - 1).index() + 1;
            path.data.inTransaction(c -> {
                if (!failed.isEmpty()) {
                    ActionTable.insert(c, reg.workspace(), reg.id(), svc.id(), run.runId(), failed);
                }
                ActionPageTable.closed(c, page, done);
                return null;
            });
            run.actions(batch.size() - failed.size(), failed.size());
            if (run.dueForSave()) {
                path.ledger.save(run);
            }
        }
    }

    private static int indexIn(List<ActionPage.Queued> queued, int pageIndex) {
        return pageIndex - queued.get(0).index();
    }

    private static ActionTable.Closed closed(ActionPage.Queued q, String origin, String code, String errors) {
        return new ActionTable.Closed(q.operation().name(), q.key(), payload(q.values()), ActionEntity.FAILED, 1, code,
                errors, origin);
    }

    private static String payload(Map<String, Object> values) {
        String json = RecordJson.write(values);
        return json.length() <= dev.ferry.store.Store.TEXT ? json : json.substring(0, dev.ferry.store.Store.TEXT - 1) + "…";
    }
}
