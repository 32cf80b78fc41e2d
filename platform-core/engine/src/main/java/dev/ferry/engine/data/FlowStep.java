package dev.ferry.engine.data;

import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow's last stage: turns the cache events that reached it into actions for its target service, mapped and
 * typed once, added to the page's pending actions (stored with the page's cache changes, in one transaction).
 */
public final class FlowStep {

    private final RunLedger ledger;

    public FlowStep(RunLedger ledger) {
        this.ledger = ledger;
    }

    public void enqueue(ResolvedRegistration reg, String flowId, List<CacheEvent> events, RunProgress run,
                        PendingActions pending) {
        FlowDef flow = reg.product().flows().stream().filter(f -> f.id().equals(flowId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("product " + reg.product().id() + " has no flow '" + flowId + "'"));
        ResolvedService target = reg.service(flow.to().service());
        if (target.type() != ServiceType.ACTION_PROCESSOR) {
            throw new IllegalArgumentException("flow " + flowId + " targets service " + target.id() + ", which is a "
                    + target.type().label() + ", not an action processor");
        }
        Operation operation = Operation.fromLabel(flow.to().operation());
        DataObject object = target.object();
        ActionPage.Writer page = null;
        for (CacheEvent event : events) {
            Operation op = event.kind() == CacheEvent.Kind.DELETED ? Operation.DELETE : operation;
            DataRecord record;
            try {
                Map<String, Object> mapped = map(flow, object, event.values());
                record = op == Operation.DELETE || op == Operation.GET ? keyOnly(object, mapped) : object.toRecord(mapped);
            } catch (IllegalArgumentException e) {
                ledger.reject(run, flowId, "record " + event.key(), e.getMessage());
                continue;
            }
            if (page == null) {
                page = pending.forService(target.id(), object, event.origin() + PendingActions.VIA_FLOW + flowId);
            }
            page.add(op, event.key(), record);
        }
    }

    private static Map<String, Object> map(FlowDef flow, DataObject target, Map<String, Object> source) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        target.fields().forEach(f -> mapped.put(f.name(), source.get(flow.mapping().getOrDefault(f.name(), f.name()))));
        return mapped;
    }

    private static DataRecord keyOnly(DataObject object, Map<String, Object> values) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : object.primaryKey()) {
            Object v = object.field(k).orElseThrow().type().coerce(values.get(k));
            if (v == null) {
                throw new IllegalArgumentException("key field '" + k + "' is empty"
                        + " (a deletion knows only the source's key fields; map the target's key from them)");
            }
            key.put(k, v);
        }
        return DataRecord.of(key);
    }
}
