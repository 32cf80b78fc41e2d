package dev.ferry.engine.camel;

import dev.ferry.engine.data.CacheEvent;
import dev.ferry.engine.data.CacheEventBus;
import dev.ferry.engine.data.DataPath;
import dev.ferry.engine.data.PendingActions;
import dev.ferry.engine.run.RunProgress;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultComponent;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The {@code ferry:} component: how routes reach connectors and the workspace cache.
 * <ul>
 * <li>{@code ferry:read?registration=R&service=S} runs a cache-writer service;</li>
 * <li>{@code ferry:events?registration=R&service=S&events=inserted,updated&flow=F} consumes its cache events for
 * flow F; {@code ferry:events?registration=R&closes=G&events=succeeded,failed&flow=F} the ended actions of flow G;
 * {@code ferry:events?registration=R&service=S&events=current&flow=F} the records of S that a run of F on demand
 * hands it;</li>
 * <li>{@code ferry:enqueue?registration=R&flow=F} queues actions for a flow's target service;</li>
 * <li>{@code ferry:flow?registration=R&flow=F} runs flow F on demand (a job step);</li>
 * <li>{@code ferry:process?registration=R&service=S} runs an action-processor service.</li>
 * </ul>
 * The run a step belongs to travels in the exchange property {@value #RUN}.
 */
public class FerryComponent extends DefaultComponent implements CacheEventBus {

    public static final String RUN = RunProgress.PROPERTY;

    private final DataPath dataPath;
    /** The flows' consumers by the registration and service they listen to: a page's changes find theirs at once. */
    private final Map<String, List<FerryEndpoint.EventsConsumer>> consumers = new ConcurrentHashMap<>();

    public FerryComponent(DataPath dataPath) {
        this.dataPath = dataPath;
        dataPath.bus(this);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        FerryEndpoint.Kind kind = FerryEndpoint.Kind.of(remaining);
        String registration = getAndRemoveParameter(parameters, "registration", String.class);
        String service = getAndRemoveParameter(parameters, "service", String.class);
        String flow = getAndRemoveParameter(parameters, "flow", String.class);
        String closes = getAndRemoveParameter(parameters, "closes", String.class);
        String events = getAndRemoveParameter(parameters, "events", String.class, "inserted,updated");
        if (registration == null) {
            throw new IllegalArgumentException(uri + ": the registration parameter is required");
        }
        boolean byFlow = kind == FerryEndpoint.Kind.ENQUEUE || kind == FerryEndpoint.Kind.FLOW;
        if (byFlow ? flow == null : service == null && closes == null) {
            throw new IllegalArgumentException(uri + ": the " + (byFlow ? "flow" : "service")
                    + " parameter is required");
        }
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException(uri + ": unknown parameter(s) " + parameters.keySet());
        }
        Set<CacheEvent.Kind> kinds = java.util.Arrays.stream(events.split(","))
                .map(e -> CacheEvent.Kind.valueOf(e.trim().toUpperCase(java.util.Locale.ROOT)))
                .collect(Collectors.toSet());
        return new FerryEndpoint(uri, this, kind, registration, service, flow, closes, kinds);
    }

    DataPath dataPath() {
        return dataPath;
    }

    void subscribe(FerryEndpoint.EventsConsumer consumer) {
        consumers.compute(consumer.source(), (k, list) -> {
            List<FerryEndpoint.EventsConsumer> listening = list != null ? list : new CopyOnWriteArrayList<>();
            listening.add(consumer); // under the map's lock, as unsubscribe drops an emptied list
            return listening;
        });
    }

    void unsubscribe(FerryEndpoint.EventsConsumer consumer) {
        consumers.computeIfPresent(consumer.source(), (k, list) -> {
            list.remove(consumer);
            return list.isEmpty() ? null : list;
        });
    }

    /** The key of a registration's service among the consumers. */
    static String source(String registration, String service) {
        return registration + '\n' + service;
    }

    @Override
    public int publish(String registration, String service, List<CacheEvent> events, RunProgress run,
                       PendingActions pending) {
        List<FerryEndpoint.EventsConsumer> listening = consumers.getOrDefault(source(registration, service), List.of());
        if (!events.isEmpty()) {
            for (FerryEndpoint.EventsConsumer consumer : listening) {
                consumer.deliver(events, run, pending);
            }
        }
        return listening.size();
    }

    static RunProgress run(Exchange exchange) {
        RunProgress run = exchange.getProperty(RUN, RunProgress.class);
        if (run == null) {
            throw new IllegalStateException("ferry endpoints run inside a job run (exchange property " + RUN + " is missing)");
        }
        return run;
    }
}
