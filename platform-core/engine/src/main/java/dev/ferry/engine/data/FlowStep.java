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
        String[] sources = sources(flow, object);
        for (CacheEvent event : events) {
            Operation op = event.kind() == CacheEvent.Kind.DELETED ? Operation.DELETE : operation;
            DataRecord record;
            try {
                record = op == Operation.DELETE || op == Operation.GET
                        ? keyOnly(object, map(object, sources, event.values()))
                        : object.toRecord(row(sources, event.values()));
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

    /** For each field of the target, in order, the source field its value comes from. */
    private static String[] sources(FlowDef flow, DataObject target) {
        List<dev.ferry.connector.api.data.FieldSpec> fields = target.fields();
        String[] sources = new String[fields.size()];
        for (int i = 0; i < sources.length; i++) {
            String name = fields.get(i).name();
            sources[i] = flow.mapping().getOrDefault(name, name);
        }
        return sources;
    }

    /** The target's values in field order, taken from the source record: no map per record. */
    private static List<Object> row(String[] sources, Map<String, Object> source) {
        Object[] row = new Object[sources.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = source.get(sources[i]);
        }
        return java.util.Arrays.asList(row);
    }

    private static Map<String, Object> map(DataObject target, String[] sources, Map<String, Object> source) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            mapped.put(target.fields().get(i).name(), source.get(sources[i]));
        }
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
