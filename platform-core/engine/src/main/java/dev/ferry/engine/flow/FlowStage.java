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
    private final Map<String, FlowValue> map;
    private final Set<String> targetKey;
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
        if (def.filter() != null) {
            filter = FlowValue.compile(context, def.filter(), configs, true);
            map = null;
        } else {
            filter = null;
            map = new LinkedHashMap<>();
            for (Map.Entry<String, ValueDef> e : def.map().entrySet()) {
                map.put(e.getKey(), FlowValue.compile(context, e.getValue(), configs, false));
            }
        }
    }

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<CacheEvent> page = exchange.getIn().getBody(List.class);
        RunProgress run = exchange.getProperty(RunProgress.PROPERTY, RunProgress.class);
        RecordScope scope = new RecordScope(exchange, configs);
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
            Map<String, Object> values = new LinkedHashMap<>(event.values());
            String field = null;
            try {
                for (Map.Entry<String, FlowValue> e : map.entrySet()) {
                    field = e.getKey();
                    if (!deletion || targetKey.contains(field)) {
                        values.put(field, e.getValue().of(scope));
                    }
                }
            } catch (RuntimeException e) {
                reject(run, event, path + ".map." + field, e);
                continue;
            }
            out.add(new CacheEvent(event.kind(), event.key(), values, event.origin()));
        }
        exchange.getIn().setBody(out);
    }

    private void reject(RunProgress run, CacheEvent event, String where, RuntimeException e) {
        rejects.reject(run, flow, "record " + event.key(), where + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    @Override
    public String toString() {
        return "flow " + flow + " " + path + (filter != null ? " (filter)" : " (map " + map.keySet() + ")");
    }
}
