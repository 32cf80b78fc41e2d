package dev.ferry.engine.flow;

import dev.ferry.engine.data.CacheEvent;
import dev.ferry.engine.descriptor.ProductDescriptor.LookupDef;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stage of a flow's route, on a page of cache events (the exchange's body, a {@code List<CacheEvent>}): a filter
 * keeps the records whose value is true; a map sets fields of each record; a processor stage hands each record to a
 * bundle's Camel {@link Processor} ({@link FlowProcessors}); a lookup sets fields from the record of another service's
 * cache that the record's key values name (one query a page). A record a stage cannot evaluate (an expression that
 * fails, a filter that is neither true nor false, a processor that throws or returns something else than a record)
 * is reported in the run with its key, the stage and the reason, and leaves the flow; the others go on.
 *
 * <p>Deletions carry only what the cache knows of a deleted record: a filter lets them pass, a map sets only the
 * target's key fields on them, and processors and lookups leave them as they are.
 *
 * <p>A processor gets an exchange of its own per record: the body is the record's values as a mutable
 * {@code Map<String, Object>} (field → value), the headers {@value #RECORD_KEY} (the record's key in the cache) and
 * {@value #CHANGE} ({@code inserted}, {@code updated}, {@code current} on demand, {@code succeeded} or {@code failed}
 * in a close-out), the exchange properties the integration configs. The
 * message body afterwards is the record from then on: a {@code Map} with string keys, or null to leave the record
 * out of the flow (as a filter would).
 */
public final class FlowStage implements Processor {

    /** Header of a processor stage's exchange: the record's key in the workspace cache. */
    public static final String RECORD_KEY = "FerryRecordKey";
    /** Header of a processor stage's exchange: the kind of record ({@link CacheEvent.Kind#label}). */
    public static final String CHANGE = "FerryChange";

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
    /** A processor stage's processor name, and where processors are found; null for other stages. */
    private final String processorName;
    private final FlowProcessors processors;
    /** A lookup stage's definition, key values and where records are found; null for other stages. */
    private final LookupDef lookup;
    private final FlowValue[] keyValues;
    private final Lookups lookups;
    /** A trigger's filter: the one kind of record it tests (others pass); null for a stage. */
    private final CacheEvent.Kind only;

    /** Where a lookup stage finds records: the registration's workspace cache. */
    public interface Lookups {
        /** A service's data object (its key fields and their types). */
        dev.ferry.connector.api.data.DataObject object(String service);

        /** The records of the service with these keys that its cache holds, by key. */
        Map<String, Map<String, Object>> find(String service, java.util.Collection<String> keys);
    }

    /** Where a record a stage cannot evaluate is reported: {@link RunLedger#reject}. */
    @FunctionalInterface
    public interface Rejects {
        void reject(RunProgress run, String step, String location, String reason);
    }

    /**
     * @param path      where the stage is in the descriptor ({@code flows[0].stages[1]}), for messages
     * @param targetKey the target object's key fields: all a map sets on a deletion
     * @param configs    the registration's integration configs, defaults filled in
     * @param processors where a processor stage finds its processor
     * @param lookups    where a lookup stage finds records
     */
    public FlowStage(CamelContext context, String flow, String path, StageDef def, Set<String> targetKey,
                     Map<String, String> configs, Rejects rejects, FlowProcessors processors, Lookups lookups) {
        this(context, flow, path, def, targetKey, configs, rejects, processors, lookups, null);
    }

    /**
     * A flow trigger's filter for one kind of record ({@code from.when}): records of that kind pass when the value
     * is true (a deletion's record holds only the key fields), records of other kinds pass.
     */
    public static FlowStage when(CamelContext context, String flow, String path, CacheEvent.Kind kind, ValueDef filter,
                                 Map<String, String> configs, Rejects rejects) {
        return new FlowStage(context, flow, path, new StageDef(filter, null), Set.of(), configs, rejects, null, null, kind);
    }

    private FlowStage(CamelContext context, String flow, String path, StageDef def, Set<String> targetKey,
                      Map<String, String> configs, Rejects rejects, FlowProcessors processors, Lookups lookups,
                      CacheEvent.Kind only) {
        this.only = only;
        this.flow = flow;
        this.path = path;
        this.targetKey = targetKey;
        this.configs = configs;
        this.rejects = rejects;
        this.processors = processors;
        this.processorName = def.processor();
        this.lookups = lookups;
        this.lookup = def.lookup();
        if (lookup != null) {
            filter = null;
            fields = null;
            values = null;
            headerFields = FlowValue.headersNamed(lookup.key());
            keyValues = new FlowValue[lookup.key().size()];
            for (int k = 0; k < keyValues.length; k++) {
                keyValues[k] = FlowValue.compile(context, lookup.key().get(k), configs, false);
            }
            return;
        }
        keyValues = null;
        if (processorName != null) {
            filter = null;
            fields = null;
            values = null;
            headerFields = null;
            return;
        }
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
        if (processorName != null) {
            exchange.getIn().setBody(callProcessor(exchange.getContext(), page, run));
            return;
        }
        if (lookup != null) {
            exchange.getIn().setBody(lookUp(exchange, page, run));
            return;
        }
        RecordScope scope = new RecordScope(exchange, configs, headerFields);
        List<CacheEvent> out = new ArrayList<>(page.size());
        for (CacheEvent event : page) {
            scope.on(event.values());
            boolean deletion = event.kind() == CacheEvent.Kind.DELETED;
            if (filter != null) {
                try {
                    boolean tested = only == null ? !deletion : event.kind() == only;
                    if (!tested || filter.test(scope)) {
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

    /**
     * Each record but deletions through the processor, on an exchange of its own.
     *
     * @throws IllegalStateException when no processor of that name is registered: the page's step fails, so its
     *                               records are read again by the next run rather than lost
     */
    private List<CacheEvent> callProcessor(CamelContext context, List<CacheEvent> page, RunProgress run) {
        Processor processor = processors.get(processorName).orElseThrow(() -> new IllegalStateException(
                "flow " + flow + " " + path + ": processor '" + processorName + "' is not available (no OSGi service "
                        + Processor.class.getName() + " with " + FlowProcessors.NAME_PROPERTY + "=" + processorName
                        + " is registered; is the bundle that offers it started?)"));
        String where = path + ".processor";
        List<CacheEvent> out = new ArrayList<>(page.size());
        for (CacheEvent event : page) {
            if (event.kind() == CacheEvent.Kind.DELETED) {
                out.add(event);
                continue;
            }
            Exchange one = new DefaultExchange(context);
            one.getIn().setBody(new LinkedHashMap<>(event.values()));
            one.getIn().setHeader(RECORD_KEY, event.key());
            one.getIn().setHeader(CHANGE, event.kind().label());
            configs.forEach(one::setProperty);
            try {
                processor.process(one);
            } catch (Exception e) {
                reject(run, event, where, e);
                continue;
            }
            if (one.getException() != null) {
                reject(run, event, where, one.getException());
                continue;
            }
            Object body = one.getMessage().getBody();
            if (body == null) {
                continue; // the processor left the record out
            }
            StagedRecord record = new StagedRecord();
            if (!(body instanceof Map<?, ?> values) || !copyInto(values, record)) {
                reject(run, event, where, new IllegalArgumentException("processor '" + processorName + "' returned "
                        + (body instanceof Map ? "a map whose keys are not all field names" : "a " + body.getClass().getName())
                        + ", not the record as a Map of field names to values"));
                continue;
            }
            out.add(new CacheEvent(event.kind(), event.key(), record, event.origin()));
        }
        return out;
    }

    /**
     * Each record but deletions: its key values name a record of the looked-up service, found in one query for the
     * page; that record's fields set this one's. A record whose key is not there is rejected, dropped or kept with
     * null fields, as the stage says.
     */
    private List<CacheEvent> lookUp(Exchange exchange, List<CacheEvent> page, RunProgress run) {
        dev.ferry.connector.api.data.DataObject theirs = lookups.object(lookup.service());
        RecordScope scope = new RecordScope(exchange, configs, headerFields);
        String[] keys = new String[page.size()];
        for (int n = 0; n < page.size(); n++) {
            CacheEvent event = page.get(n);
            if (event.kind() == CacheEvent.Kind.DELETED) {
                continue;
            }
            scope.on(event.values());
            List<Object> key = new ArrayList<>(keyValues.length);
            int k = 0;
            try {
                for (; k < keyValues.length; k++) {
                    Object value = keyValues[k].of(scope);
                    String field = theirs.primaryKey().get(k);
                    try {
                        key.add(value == null ? null : theirs.field(field).orElseThrow().type().coerce(value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("does not fit key field '" + field + "' of service '"
                                + lookup.service() + "': " + e.getMessage(), e);
                    }
                }
                keys[n] = key.contains(null) ? "" : RecordJson.key(key); // as the cache keys a record of that service
            } catch (RuntimeException e) {
                reject(run, event, path + ".lookup.key[" + k + "]", e);
            }
        }
        List<String> wanted = new ArrayList<>();
        for (String key : keys) {
            if (key != null && !key.isEmpty()) {
                wanted.add(key);
            }
        }
        Map<String, Map<String, Object>> found = lookups.find(lookup.service(), wanted);
        List<CacheEvent> out = new ArrayList<>(page.size());
        for (int n = 0; n < page.size(); n++) {
            CacheEvent event = page.get(n);
            if (event.kind() == CacheEvent.Kind.DELETED) {
                out.add(event);
                continue;
            }
            if (keys[n] == null) {
                continue; // its key could not be worked out: rejected above
            }
            Map<String, Object> match = found.get(keys[n]);
            if (match == null) {
                String missing = lookup.whenMissing();
                if (missing.equals("drop")) {
                    continue;
                }
                if (missing.equals("reject")) {
                    reject(run, event, path + ".lookup", new IllegalArgumentException(keys[n].isEmpty()
                            ? "it has no key value to look up in service '" + lookup.service() + "'"
                            : "key " + keys[n] + " is not in the cache of service '" + lookup.service() + "'"));
                    continue;
                }
            }
            Map<String, Object> record = event.values() instanceof StagedRecord own ? own : new StagedRecord(event.values());
            lookup.fields().forEach((to, from) -> record.put(to, match == null ? null : match.get(from)));
            out.add(record == event.values() ? event : new CacheEvent(event.kind(), event.key(), record, event.origin()));
        }
        return out;
    }

    /** Copies a processor's map into a record; false when a key is not a string. */
    private static boolean copyInto(Map<?, ?> values, StagedRecord record) {
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (!(e.getKey() instanceof String field)) {
                return false;
            }
            record.put(field, e.getValue());
        }
        return true;
    }

    private void reject(RunProgress run, CacheEvent event, String where, Exception e) {
        rejects.reject(run, flow, "record " + event.key(), where + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** A record a map stage of this flow copied: the flow's later maps set its fields in place. */
    private static final class StagedRecord extends LinkedHashMap<String, Object> {
        StagedRecord() {
        }

        StagedRecord(Map<String, Object> values) {
            super(values);
        }
    }

    @Override
    public String toString() {
        return "flow " + flow + " " + path + (lookup != null ? " (lookup in " + lookup.service() + ")"
                : processorName != null ? " (processor " + processorName + ")"
                : filter != null ? (only != null ? " (filter of " + only.label() + ")" : " (filter)") : " (map " + String.join(", ", fields) + ")");
    }
}
