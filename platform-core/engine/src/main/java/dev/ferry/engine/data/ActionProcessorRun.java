package dev.ferry.engine.data;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.ActionEntity;
import dev.ferry.store.ActionPageTable;
import dev.ferry.store.ActionTable;
import dev.ferry.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action-processor step of a run: runs the service's queued pages of actions, oldest first, in batches, until
 * none is left, then the single actions whose retry is due. After each batch its outcomes are stored: the page
 * remembers how many of its actions are closed (they never run again); failed ones are kept for a person to see;
 * ones the connector says may pass later wait for a retry with backoff, up to the service's limit, then are dead.
 */
final class ActionProcessorRun {

    /** Actions handed to the connector at once (a page holds up to four cache pages' worth). */
    static final int BATCH = 4 * DataPath.PAGE;

    private final DataPath path;
    private final ResolvedRegistration reg;
    private final ResolvedService svc;
    private final RunProgress run;
    private final RetryPolicy retries;
    private ActionProcessor processor;
    private long scope;
    private boolean retriesWaiting;

    ActionProcessorRun(DataPath path, ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        this.path = path;
        this.reg = reg;
        this.svc = svc;
        this.run = run;
        this.retries = new RetryPolicy(svc.def().retry());
    }

    void execute() {
        open();
        drain(0);
        runDue();
        path.ledger.save(run);
    }

    /**
     * Runs pages as the cache writer of the same run stores them, until it is done and nothing is left: the write
     * side works while the read side reads.
     */
    void follow(ActionHandOff handOff) {
        open();
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

    private void open() {
        scope = path.scope(reg, svc.id());
        processor = svc.connector().actionProcessor(svc.def().module());
        retriesWaiting = path.data.inTransaction(c -> ActionTable.waiting(c, reg.id(), svc.id()));
    }

    /** Runs the pages after {@code after} until none is left; returns the last page run. */
    private long drain(long after) {
        while (true) {
            DataPath.stopIfCancelled(reg, svc, run);
            long from = after;
            List<ActionPageTable.Page> pages = path.data.inTransaction(c -> ActionPageTable.next(c, scope, from, Instant.now(), 4));
            if (pages.isEmpty()) {
                return after;
            }
            for (ActionPageTable.Page page : pages) {
                runPage(page);
                after = page.id();
            }
        }
    }

    private void runPage(ActionPageTable.Page page) {
        ActionPage.Decoded decoded = ActionPage.read(page.data(), page.done());
        List<ActionPage.Queued> queued = decoded.actions();
        for (int start = 0; start < queued.size(); start += BATCH) {
            DataPath.stopIfCancelled(reg, svc, run);
            List<ActionPage.Queued> batch = queued.subList(start, Math.min(queued.size(), start + BATCH));
            List<Action> actions = new ArrayList<>(batch.size());
            List<ActionTable.Closed> kept = new ArrayList<>();
            Map<Long, ActionPage.Queued> byId = new LinkedHashMap<>();
            for (ActionPage.Queued q : batch) {
                try {
                    Action a = q.toAction(page.id(), svc.object());
                    actions.add(a);
                    byId.put(a.id(), q);
                } catch (IllegalArgumentException e) {
                    kept.add(closed(q.operation(), q.key(), q.values(), decoded.origin(), ActionEntity.FAILED, 1,
                            "invalid_record", e.getMessage(), null));
                }
            }
            List<ActionOutcome> outcomes;
            try {
                outcomes = execute(actions);
            } catch (ConnectorException e) {
                throw pageFailed(page, e);
            }
            for (ActionOutcome o : outcomes) {
                if (!o.succeeded()) {
                    ActionPage.Queued q = byId.get(o.actionId());
                    kept.add(afterFailure(q.operation(), q.key(), q.values(), decoded.origin(), 1, o));
                }
            }
            int done = batch.get(batch.size() - 1).index() + 1;
            List<String> keys = retriesWaiting ? batch.stream().map(ActionPage.Queued::key).toList() : List.of();
            path.data.inTransaction(c -> {
                if (!keys.isEmpty()) {
                    ActionTable.supersede(c, reg.id(), svc.id(), keys);
                }
                if (!kept.isEmpty()) {
                    ActionTable.insert(c, reg.workspace(), reg.id(), svc.id(), run.runId(), kept);
                }
                ActionPageTable.closed(c, page, done);
                return null;
            });
            count(batch.size(), kept);
        }
    }

    /** The single actions whose time has come: put back by hand, or due for a retry. */
    private void runDue() {
        while (true) {
            DataPath.stopIfCancelled(reg, svc, run);
            List<ActionTable.Due> due = path.data.inTransaction(c -> ActionTable.due(c, reg.id(), svc.id(), Instant.now(),
                    DataPath.PAGE));
            if (due.isEmpty()) {
                return;
            }
            List<Action> actions = new ArrayList<>();
            Map<Long, ActionTable.Due> byId = new LinkedHashMap<>();
            List<Object[]> results = new ArrayList<>();
            for (ActionTable.Due d : due) {
                try {
                    Operation op = Operation.valueOf(d.operation());
                    Map<String, Object> values = RecordJson.read(d.payload());
                    DataRecord record = op == Operation.DELETE || op == Operation.GET
                            ? DataRecord.of(keyOf(values)) : svc.object().toRecord(values);
                    actions.add(new Action(d.id(), op, record));
                    byId.put(d.id(), d);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    results.add(new Object[]{d, ActionOutcome.failed(d.id(), "invalid_record", e.getMessage())});
                }
            }
            List<ActionOutcome> outcomes;
            try {
                outcomes = execute(actions);
            } catch (ConnectorException e) {
                outcomes = actions.stream().map(a -> e.retriable()
                        ? ActionOutcome.retryLater(a.id(), e.code(), e.getMessage())
                        : ActionOutcome.failed(a.id(), e.code(), e.getMessage())).toList();
            }
            outcomes.forEach(o -> results.add(new Object[]{byId.get(o.actionId()), o}));
            long[] failed = {0};
            path.data.inTransaction(c -> {
                for (Object[] r : results) {
                    ActionTable.Due d = (ActionTable.Due) r[0];
                    ActionOutcome o = (ActionOutcome) r[1];
                    int attempts = d.attempts() + 1;
                    if (o.succeeded()) {
                        ActionTable.ran(c, d.id(), true, null, attempts, null, null, null, run.runId());
                        continue;
                    }
                    failed[0]++;
                    boolean again = o.retryLater() && retries.mayRetry(attempts);
                    String status = again ? ActionEntity.RETRY : o.retryLater() ? ActionEntity.DEAD : ActionEntity.FAILED;
                    ActionTable.ran(c, d.id(), false, status, attempts, o.code(), String.join("; ", o.errors()),
                            again ? retries.next(attempts, Instant.now()) : null, run.runId());
                }
                return null;
            });
            run.actions(results.size() - failed[0], failed[0]);
            if (run.dueForSave()) {
                path.ledger.save(run);
            }
        }
    }

    private List<ActionOutcome> execute(List<Action> actions) throws ConnectorException {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<ActionOutcome> outcomes = path.withTimeout(reg, svc, run, () -> 0, () -> processor.execute(svc, actions));
        if (outcomes.size() != actions.size()) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                    + "' returned " + outcomes.size() + " outcomes for " + actions.size() + " actions; they stay queued", null);
        }
        return outcomes;
    }

    /**
     * The batch could not run at all: the page's actions not yet closed wait for a retry with backoff, or, out of
     * retries, are dead; the step fails saying so.
     */
    private StepFailedException pageFailed(ActionPageTable.Page page, ConnectorException e) {
        int attempts = page.attempts() + 1;
        String reason = e.getMessage() + " [" + e.code() + "]";
        if (retries.mayRetry(attempts)) {
            Instant next = retries.next(attempts, Instant.now());
            long queued = path.data.inTransaction(c -> {
                ActionPageTable.deferred(c, page, next, reason);
                return ActionPageTable.pending(c, scope);
            });
            return new StepFailedException(reg.id(), reg.workspace(), svc.id(), reason + "; " + queued
                    + " action(s) stay queued, attempt " + attempts + " of " + retries.maxAttempts() + " failed, the next"
                    + " is not before " + next, e);
        }
        ActionPage.Decoded rest = ActionPage.read(page.data(), page.done());
        List<ActionTable.Closed> dead = new ArrayList<>();
        for (ActionPage.Queued q : rest.actions()) {
            dead.add(closed(q.operation(), q.key(), q.values(), rest.origin(), ActionEntity.DEAD, attempts, e.code(),
                    e.getMessage(), null));
        }
        path.data.inTransaction(c -> {
            ActionTable.insert(c, reg.workspace(), reg.id(), svc.id(), run.runId(), dead);
            ActionPageTable.closed(c, page, page.actions());
            return null;
        });
        run.actions(0, dead.size());
        return new StepFailedException(reg.id(), reg.workspace(), svc.id(), reason + "; after " + attempts
                + " attempts " + dead.size() + " action(s) are dead (ferry:actions lists them, ferry:action-retry runs"
                + " them again)", e);
    }

    private ActionTable.Closed afterFailure(Operation op, String key, Map<String, Object> values, String origin,
                                            int attempts, ActionOutcome o) {
        String errors = String.join("; ", o.errors());
        if (!o.retryLater()) {
            return closed(op, key, values, origin, ActionEntity.FAILED, attempts, o.code(), errors, null);
        }
        if (retries.mayRetry(attempts)) {
            return closed(op, key, values, origin, ActionEntity.RETRY, attempts, o.code(), errors,
                    retries.next(attempts, Instant.now()));
        }
        return closed(op, key, values, origin, ActionEntity.DEAD, attempts, o.code(), errors, null);
    }

    private void count(int closed, List<ActionTable.Closed> kept) {
        run.actions(closed - kept.size(), kept.size());
        if (run.dueForSave()) {
            path.ledger.save(run);
        }
    }

    private Map<String, Object> keyOf(Map<String, Object> values) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : svc.object().primaryKey()) {
            key.put(k, svc.object().field(k).orElseThrow().type().coerce(values.get(k)));
        }
        return key;
    }

    private static ActionTable.Closed closed(Operation op, String key, Map<String, Object> values, String origin,
                                             String status, int attempts, String code, String errors, Instant notBefore) {
        String json = RecordJson.write(values);
        String payload = json.length() <= Store.TEXT ? json : json.substring(0, Store.TEXT - 1) + "…";
        return new ActionTable.Closed(op.name(), key, payload, status, attempts, code, errors, origin, notBefore);
    }
}
