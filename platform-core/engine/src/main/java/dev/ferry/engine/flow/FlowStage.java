package dev.ferry.engine.flow;

import dev.ferry.engine.data.CacheEvent;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stage of a flow's route, on a page of cache events (the exchange's body, a {@code List<CacheEvent>}): a filter
 * keeps the records whose value is true; a map sets fields of each record. A record a stage cannot evaluate (an
 * expression that fails, a filter that is neither true nor false) is reported in the run with its key, the stage
 * and the reason, and leaves the flow; the others go on.
 *
 * <p>Deletions carry only what the cache knows of a deleted record: a filter lets them pass, and a map sets only the
 * target's key fields on them.
 */
public final class FlowStage implements Processor {

    private final String flow;
    private final String path;
    private final FlowValue filter;
    private final String[] fields;
    private final FlowValue[] values;
    private final Set<String> targetKey;
    /** The record fields the stage's simple expressions name as headers; null when they cannot be told. */
    private final Set<String> headerFields;
    private final Map<String, String> configs;
    private final Rejects rejects;

    /** Where a record a stage cannot evaluate is reported: {@link RunLedger#reject}. */
    @FunctionalInterface
    public interface Rejects {
        void reject(RunProgress run, String step, String location, String reason);
    }

    /**
     * @param path      where the stage is in the descriptor ({@code flows[0].stages[1]}), for messages
     * @param targetKey the target object's key fields: all a map sets on a deletion
     * @param configs   the registration's integration configs, defaults filled in
     */
    public FlowStage(CamelContext context, String flow, String path, StageDef def, Set<String> targetKey,
                     Map<String, String> configs, Rejects rejects) {
        this.flow = flow;
        this.path = path;
        this.targetKey = targetKey;
        this.configs = configs;
        this.rejects = rejects;
        List<ValueDef> all = def.filter() != null ? List.of(def.filter()) : List.copyOf(def.map().values());
        headerFields = FlowValue.headersNamed(all);
        if (def.filter() != null) {
            filter = FlowValue.compile(context, def.filter(), configs, true);
            fields = null;
            values = null;
        } else {
            filter = null;
            fields = def.map().keySet().toArray(String[]::new);
            values = new FlowValue[fields.length];
            int i = 0;
            for (ValueDef v : def.map().values()) {
                values[i++] = FlowValue.compile(context, v, configs, false);
            }
        }
    }

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<CacheEvent> page = exchange.getIn().getBody(List.class);
        RunProgress run = exchange.getProperty(RunProgress.PROPERTY, RunProgress.class);
        RecordScope scope = new RecordScope(exchange, configs, headerFields);
        List<CacheEvent> out = new ArrayList<>(page.size());
        for (CacheEvent event : page) {
            scope.on(event.values());
            boolean deletion = event.kind() == CacheEvent.Kind.DELETED;
            if (filter != null) {
                try {
                    if (deletion || filter.test(scope)) {
                        out.add(event);
                    }
                } catch (RuntimeException e) {
                    reject(run, event, path + ".filter", e);
                }
                continue;
            }
            Object[] mapped = new Object[fields.length];
            int i = 0;
            try {
                for (; i < fields.length; i++) {
                    if (!deletion || targetKey.contains(fields[i])) {
                        mapped[i] = values[i].of(scope);
                    }
                }
            } catch (RuntimeException e) {
                reject(run, event, path + ".map." + fields[i], e);
                continue;
            }
            // the record's other fields stay; the first map of the flow copies the record (other flows share it)
            Map<String, Object> record = event.values() instanceof StagedRecord own ? own : new StagedRecord(event.values());
            for (i = 0; i < fields.length; i++) {
                if (!deletion || targetKey.contains(fields[i])) {
                    record.put(fields[i], mapped[i]);
                }
            }
            out.add(record == event.values() ? event : new CacheEvent(event.kind(), event.key(), record, event.origin()));
        }
        exchange.getIn().setBody(out);
    }

    private void reject(RunProgress run, CacheEvent event, String where, RuntimeException e) {
        rejects.reject(run, flow, "record " + event.key(), where + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** A record a map stage of this flow copied: the flow's later maps set its fields in place. */
    private static final class StagedRecord extends LinkedHashMap<String, Object> {
        StagedRecord(Map<String, Object> values) {
            super(values);
        }
    }

    @Override
    public String toString() {
        return "flow " + flow + " " + path + (filter != null ? " (filter)" : " (map " + String.join(", ", fields) + ")");
    }
}
