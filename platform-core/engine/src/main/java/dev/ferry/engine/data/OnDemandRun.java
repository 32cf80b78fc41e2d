package dev.ferry.engine.data;

import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.CacheValueTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job step that runs a flow on demand: every record its source service's cache holds goes through the flow's route
 * a page at a time, and the actions it makes are stored with each page (the cache keeps the values of such a
 * service's records, as for lookups). The records come in the order of their keys' hashes; a record the cache writer
 * changes meanwhile comes as it was or as it is.
 */
final class OnDemandRun {

    private final DataPath path;
    private final ResolvedRegistration reg;
    private final FlowDef flow;
    private final RunProgress run;
    private final Map<String, Long> targetScopes = new LinkedHashMap<>();

    OnDemandRun(DataPath path, ResolvedRegistration reg, FlowDef flow, RunProgress run) {
        this.path = path;
        this.reg = reg;
        this.flow = flow;
        this.run = run;
    }

    void execute() {
        ResolvedService source = reg.service(flow.from().service());
        long scope = path.scope(reg, source.id());
        String origin = reg.id() + "/" + source.id();
        long after = Long.MIN_VALUE;
        while (true) {
            if (run.cancelled() != null) {
                throw new StepFailedException(reg.id(), reg.workspace(), flow.id(), "stopped: " + run.cancelled(), null);
            }
            long from = after;
            List<CacheValueTable.Stored> stored = path.data.inTransaction(c -> CacheValueTable.after(c, scope, from,
                    DataPath.PAGE));
            if (stored.isEmpty()) {
                break;
            }
            List<CacheEvent> events = new ArrayList<>(stored.size());
            for (CacheValueTable.Stored s : stored) {
                events.add(new CacheEvent(CacheEvent.Kind.CURRENT, s.key(), CacheValues.decode(source.object(), s.data()),
                        origin));
            }
            after = stored.get(stored.size() - 1).keyHash();
            PendingActions pending = new PendingActions();
            if (path.bus.publish(reg.id(), CacheEventBus.onDemand(flow.id()), events, run, pending) == 0) {
                throw new StepFailedException(reg.id(), reg.workspace(), flow.id(), "the flow's route is not running"
                        + " (the registration is being stopped or redeployed, or the flow's feature is off); nothing of"
                        + " this page was queued", null);
            }
            List<PendingActions.Encoded> pages = pending.encoded();
            pages.forEach(p -> targetScopes.computeIfAbsent(p.target(), t -> path.scope(reg, t)));
            path.data.inTransaction(c -> {
                PendingActions.store(c, pages, targetScopes, reg.workspace(), run.runId());
                return null;
            });
            run.read(events.size());
            if (run.dueForSave()) {
                path.ledger.save(run);
            }
        }
        path.ledger.save(run);
    }
}
