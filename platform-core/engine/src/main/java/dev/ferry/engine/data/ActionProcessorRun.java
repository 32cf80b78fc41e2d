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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action-processor step of a run: runs the service's queued pages of actions, oldest first, in batches, until
 * none is left, then the single actions whose retry is due. After each batch its outcomes are stored: the page
 * remembers how many of its actions are closed (they never run again); failed ones are kept for a person to see;
 * ones the connector says may pass later wait for a retry with backoff, up to the service's limit, then are dead.
 *
 * <p>Actions that have ended (succeeded, failed or dead) go to the close-out flows of the flow that queued them, as
 * records of the target's fields (a {@code get}'s result over them) with {@code _outcome}, {@code _code} and
 * {@code _error}; the actions those flows make are stored in the transaction that stores the batch's outcomes.
 */
final class ActionProcessorRun {

    /** Queued pages read from the store at once (a page holds up to four cache pages' worth of actions). */
    private static final int PAGES_A_FETCH = 16;

    private final DataPath path;
    private final ResolvedRegistration reg;
    private final ResolvedService svc;
    private final RunProgress run;
    private final RetryPolicy retries;
    private final BatchSizer sizer = new BatchSizer();
    private ActionProcessor processor;
    private long scope;
    private boolean retriesWaiting;
    /** Per flow whose ended actions close-out flows take: how many of them run. */
    private final Map<String, Long> closedOut;
    private final Map<String, Long> targetScopes = new LinkedHashMap<>();

    ActionProcessorRun(DataPath path, ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        this.path = path;
        this.reg = reg;
        this.svc = svc;
        this.run = run;
        this.retries = new RetryPolicy(svc.def().retry());
        this.closedOut = reg.product().flows().stream().filter(f -> f.from().isCloseOut() && reg.runs(f.id()))
                .collect(java.util.stream.Collectors.groupingBy(f -> f.from().flow(), java.util.stream.Collectors.counting()));
    }

    void execute() {
        try {
            open();
            drain(0);
            runDue();
            path.ledger.save(run);
        } finally {
            closeSession();
        }
    }

    /**
     * Runs pages as the cache writer of the same run stores them, until it is done and nothing is left: the write
     * side works while the read side reads.
     */
    void follow(ActionHandOff handOff) {
        following = handOff;
        try {
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
        } finally {
            closeSession();
        }
    }

    /** The cache writer this run follows, told how far it got; null when the step runs on its own. */
    private ActionHandOff following;

    /** What batches are handed; its session is opened with the step's first batch (a step with nothing to do opens none). */
    private volatile DataPath.StepContext context;

    private DataPath.StepContext context() throws ConnectorException {
        if (context == null) {
            DataPath.StepContext opened = new DataPath.StepContext(svc);
            opened.session(DataPath.openSession(svc));
            context = opened;
        }
        return context;
    }

    private void closeSession() {
        DataPath.StepContext c = context;
        context = null;
        if (c != null) {
            DataPath.closeSession(reg, svc, c.session());
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
            List<ActionPageTable.Page> pages = path.data.inTransaction(c -> ActionPageTable.next(c, scope, from,
                    Instant.now(), PAGES_A_FETCH));
            if (pages.isEmpty()) {
                return after;
            }
            Batch batch = new Batch();
            for (ActionPageTable.Page page : pages) {
                ActionPage.Decoded decoded = ActionPage.read(page.data(), page.done());
                List<ActionPage.Queued> queued = decoded.actions();
                boolean inFieldOrder = decoded.inFieldOrderOf(svc.object());
                int start = 0;
                while (start < queued.size()) {
                    int end = Math.min(queued.size(), start + sizer.size() - batch.size());
                    batch.add(new Slice(page, decoded.origin(), inFieldOrder, queued.subList(start, end)));
                    start = end;
                    if (batch.size() >= sizer.size()) {
                        runAndTell(batch);
                        batch = new Batch();
                    }
                }
            }
            if (batch.size() > 0) {
                runAndTell(batch);
            }
            after = pages.get(pages.size() - 1).id();
        }
    }

    /** Consecutive actions of one queued page, run in a batch. */
    private record Slice(ActionPageTable.Page page, String origin, boolean inFieldOrder, List<ActionPage.Queued> actions) {
        /** How many of the page's actions are closed once this slice's are. */
        int doneAfter() {
            return actions.get(actions.size() - 1).index() + 1;
        }
    }

    /** Actions of one or more pages, in queue order, handed to the connector in one call. */
    private static final class Batch {
        final List<Slice> slices = new ArrayList<>();
        private int size;

        void add(Slice slice) {
            slices.add(slice);
            size += slice.actions().size();
        }

        int size() {
            return size;
        }
    }

    /** Runs a batch and tells the cache writer this run follows, if any, how far it got. */
    private void runAndTell(Batch batch) {
        runBatch(batch);
        if (following != null) {
            following.ran(batch.size());
        }
    }

    /**
     * Runs a batch in one call of the connector and stores its outcomes, and how far each of its pages got, in one
     * transaction of the store.
     */
    private void runBatch(Batch batch) {
        DataPath.stopIfCancelled(reg, svc, run);
        List<Action> actions = new ArrayList<>(batch.size());
        List<ActionTable.Closed> kept = new ArrayList<>();
        Map<Long, ActionPage.Queued> byId = new HashMap<>();
        Map<Long, String> origins = new HashMap<>();
        CloseOuts closeOuts = new CloseOuts();
        for (Slice slice : batch.slices) {
            long pageId = slice.page().id();
            origins.put(pageId, slice.origin());
            for (ActionPage.Queued q : slice.actions()) {
                try {
                    Action a = q.toAction(pageId, svc.object(), slice.inFieldOrder());
                    actions.add(a);
                    byId.put(a.id(), q);
                } catch (IllegalArgumentException e) {
                    kept.add(closed(q.operation(), q.key(), q.values(), slice.origin(), ActionEntity.FAILED, 1,
                            "invalid_record", e.getMessage(), null));
                    closeOuts.add(slice.origin(), q, null, false, "invalid_record", e.getMessage());
                }
            }
        }
        List<ActionOutcome> outcomes;
        long began = System.nanoTime();
        try {
            outcomes = execute(actions);
        } catch (ConnectorException e) {
            throw batchFailed(batch, e);
        }
        sizer.took(actions.size(), System.nanoTime() - began);
        for (ActionOutcome o : outcomes) {
            ActionPage.Queued q = byId.get(o.actionId());
            String origin = origins.get(ActionPage.pageOf(o.actionId()));
            if (o.succeeded()) {
                closeOuts.add(origin, q, o.output(), true, null, null);
                continue;
            }
            ActionTable.Closed failed = afterFailure(q.operation(), q.key(), q.values(), origin, 1, o);
            kept.add(failed);
            if (!failed.status().equals(ActionEntity.RETRY)) {
                closeOuts.add(origin, q, null, false, failed.errorCode(), failed.errors());
            }
        }
        List<PendingActions.Encoded> followUps = closeOuts.publish();
        List<String> keys = retriesWaiting
                ? batch.slices.stream().flatMap(s -> s.actions().stream()).map(ActionPage.Queued::key).toList()
                : List.of();
        path.data.inTransaction(c -> {
            if (!keys.isEmpty()) {
                ActionTable.supersede(c, reg.id(), svc.id(), keys);
            }
            if (!kept.isEmpty()) {
                ActionTable.insert(c, reg.workspace(), reg.id(), svc.id(), run.runId(), kept);
            }
            for (Slice slice : batch.slices) {
                ActionPageTable.closed(c, slice.page(), slice.doneAfter());
            }
            PendingActions.store(c, followUps, targetScopes, reg.workspace(), run.runId());
            return null;
        });
        count(batch.size(), kept);
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
            ConnectorException failure = null;
            try {
                outcomes = execute(actions);
            } catch (ConnectorException e) {
                failure = e;
                outcomes = actions.stream().map(a -> e.retriable()
                        ? ActionOutcome.retryLater(a.id(), e.code(), e.getMessage())
                        : ActionOutcome.failed(a.id(), e.code(), e.getMessage())).toList();
            }
            outcomes.forEach(o -> results.add(new Object[]{byId.get(o.actionId()), o}));
            // what each action comes to, then its close-out, then all of it in one transaction
            List<Ran> ran = new ArrayList<>(results.size());
            CloseOuts closeOuts = new CloseOuts();
            long failed = 0;
            for (Object[] r : results) {
                ActionTable.Due d = (ActionTable.Due) r[0];
                ActionOutcome o = (ActionOutcome) r[1];
                int attempts = d.attempts() + 1;
                if (o.succeeded()) {
                    ran.add(new Ran(d, o, null, attempts, null));
                    closeOuts.add(d.origin(), d.recordKey(), payload(d), o.output(), true, null, null);
                    continue;
                }
                failed++;
                boolean again = o.retryLater() && retries.mayRetry(attempts);
                String status = again ? ActionEntity.RETRY : o.retryLater() ? ActionEntity.DEAD : ActionEntity.FAILED;
                ran.add(new Ran(d, o, status, attempts, again ? retries.next(attempts, Instant.now(), failure) : null));
                if (!again) {
                    closeOuts.add(d.origin(), d.recordKey(), payload(d), null, false, o.code(), String.join("; ", o.errors()));
                }
            }
            List<PendingActions.Encoded> followUps = closeOuts.publish();
            path.data.inTransaction(c -> {
                for (Ran r : ran) {
                    if (r.outcome().succeeded()) {
                        ActionTable.ran(c, r.due().id(), true, null, r.attempts(), null, null, null, run.runId());
                    } else {
                        ActionTable.ran(c, r.due().id(), false, r.status(), r.attempts(), r.outcome().code(),
                                String.join("; ", r.outcome().errors()), r.next(), run.runId());
                    }
                }
                PendingActions.store(c, followUps, targetScopes, reg.workspace(), run.runId());
                return null;
            });
            run.actions(results.size() - failed, failed);
            if (run.dueForSave()) {
                path.ledger.save(run);
            }
        }
    }

    private List<ActionOutcome> execute(List<Action> actions) throws ConnectorException {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<ActionOutcome> outcomes = path.withTimeout(reg, svc, run, () -> 0, () -> processor.execute(context(), actions));
        if (outcomes.size() != actions.size()) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                    + "' returned " + outcomes.size() + " outcomes for " + actions.size() + " actions; they stay queued", null);
        }
        return outcomes;
    }

    /**
     * The batch could not run at all: of each of its pages, the actions not yet closed wait for a retry with backoff,
     * or, when the page is out of retries, are dead; the step fails saying so.
     */
    private StepFailedException batchFailed(Batch batch, ConnectorException e) {
        String reason = e.getMessage() + " [" + e.code() + "]";
        // a batch holds one slice of each of its pages
        List<ActionPageTable.Page> deferred = new ArrayList<>();
        List<ActionPageTable.Page> ended = new ArrayList<>();
        int attempts = 0;
        List<ActionTable.Closed> dead = new ArrayList<>();
        CloseOuts closeOuts = new CloseOuts();
        for (Slice slice : batch.slices) {
            ActionPageTable.Page page = slice.page();
            int pageAttempts = page.attempts() + 1;
            if (retries.mayRetry(pageAttempts)) {
                deferred.add(page);
                attempts = Math.max(attempts, pageAttempts);
                continue;
            }
            ended.add(page);
            // the page's actions from this slice's first on: those before it were closed by earlier batches
            ActionPage.Decoded rest = ActionPage.read(page.data(), slice.actions().get(0).index());
            for (ActionPage.Queued q : rest.actions()) {
                dead.add(closed(q.operation(), q.key(), q.values(), rest.origin(), ActionEntity.DEAD, pageAttempts,
                        e.code(), e.getMessage(), null));
                closeOuts.add(rest.origin(), q, null, false, e.code(), e.getMessage());
            }
        }
        List<PendingActions.Encoded> followUps = closeOuts.publish();
        Instant notBefore = deferred.isEmpty() ? null : retries.next(attempts, Instant.now(), e);
        long queued = path.data.inTransaction(c -> {
            for (ActionPageTable.Page page : deferred) {
                ActionPageTable.deferred(c, page, notBefore, reason);
            }
            if (!dead.isEmpty()) {
                ActionTable.insert(c, reg.workspace(), reg.id(), svc.id(), run.runId(), dead);
            }
            for (ActionPageTable.Page page : ended) {
                ActionPageTable.closed(c, page, page.actions());
            }
            PendingActions.store(c, followUps, targetScopes, reg.workspace(), run.runId());
            return ActionPageTable.pending(c, scope);
        });
        run.actions(0, dead.size());
        StringBuilder message = new StringBuilder(reason);
        if (!deferred.isEmpty()) {
            message.append("; ").append(queued).append(" action(s) stay queued, attempt ").append(attempts).append(" of ")
                    .append(retries.maxAttempts()).append(" failed, the next is not before ").append(notBefore);
        }
        if (!dead.isEmpty()) {
            message.append("; after ").append(retries.maxAttempts()).append(" attempts ").append(dead.size())
                    .append(" action(s) are dead (ferry:actions lists them, ferry:action-retry runs them again)");
        }
        return new StepFailedException(reg.id(), reg.workspace(), svc.id(), message.toString(), e);
    }

    /** What a single action came to: its status after a failure (null after a success) and its next attempt. */
    private record Ran(ActionTable.Due due, ActionOutcome outcome, String status, int attempts, Instant next) {
    }

    /** A single action's record as queued, from its stored payload (none when it cannot be read). */
    private static Map<String, Object> payload(ActionTable.Due d) {
        try {
            return RecordJson.read(d.payload());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * The ended actions of a batch, as records for the close-out flows of the flows that queued them; {@link #publish}
     * hands them to those flows and returns the actions they made, to be stored with the batch's outcomes.
     */
    private final class CloseOuts {
        private final Map<String, List<CacheEvent>> byFlow = new LinkedHashMap<>();

        /** A queued action's end: its record is made into a map only when a close-out flow takes it. */
        void add(String actionOrigin, ActionPage.Queued q, DataRecord output, boolean succeeded, String code, String error) {
            if (closesOut(actionOrigin)) {
                add(actionOrigin, q.key(), q.values(), output, succeeded, code, error);
            }
        }

        private boolean closesOut(String actionOrigin) {
            String flow = closedOut.isEmpty() ? null : PendingActions.flowOf(actionOrigin);
            return flow != null && closedOut.containsKey(flow);
        }

        void add(String actionOrigin, String key, Map<String, Object> values, DataRecord output, boolean succeeded,
                 String code, String error) {
            if (!closesOut(actionOrigin)) {
                return;
            }
            String flow = PendingActions.flowOf(actionOrigin);
            Map<String, Object> record = new LinkedHashMap<>(values);
            if (output != null) {
                record.putAll(output.values()); // a get's result: the record as the system holds it
            }
            record.put("_outcome", succeeded ? "succeeded" : "failed");
            record.put("_code", code);
            record.put("_error", error);
            byFlow.computeIfAbsent(flow, f -> new ArrayList<>()).add(new CacheEvent(succeeded
                    ? CacheEvent.Kind.SUCCEEDED : CacheEvent.Kind.FAILED, key, record, actionOrigin));
        }

        /**
         * @throws StepFailedException when a close-out flow is not running (the registration is being stopped or
         *                             redeployed): the batch's outcomes are then not stored, so its actions run again
         */
        List<PendingActions.Encoded> publish() {
            if (byFlow.isEmpty()) {
                return List.of();
            }
            PendingActions pending = new PendingActions();
            byFlow.forEach((flow, events) -> {
                long listening = path.bus.publish(reg.id(), CacheEventBus.closeOuts(flow), events, run, pending);
                if (listening < closedOut.get(flow)) {
                    throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "only " + listening + " of the "
                            + closedOut.get(flow) + " close-out flow(s) of flow " + flow + " are running (the"
                            + " registration is being stopped or redeployed); this batch's outcomes are not stored and"
                            + " its actions run again", null);
                }
            });
            List<PendingActions.Encoded> pages = pending.encoded();
            pages.forEach(p -> targetScopes.computeIfAbsent(p.target(), t -> path.scope(reg, t)));
            return pages;
        }
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
