package dev.ferry.engine;

import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connectors installed right now, by id; they come and go with their bundles. */
@Component(service = ConnectorRegistry.class)
public class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    /** Per id, every bound connector in bind order; the first is the one in use, the others stand by. */
    private final Map<String, List<Connector>> connectors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnector(Connector connector) {
        ConnectorInfo info = connector.info();
        List<Connector> bound = connectors.computeIfAbsent(info.id(), id -> new CopyOnWriteArrayList<>());
        bound.add(connector);
        if (bound.get(0) != connector) {
            LOG.warn("Connector '{}' {} stands by: connector '{}' {} is in use; it takes over when that one is removed",
                    info.id(), info.version(), info.id(), bound.get(0).info().version());
            return;
        }
        LOG.info("Connector '{}' {} by {} is available", info.id(), info.version(), info.vendor());
        fire();
    }

    void unbindConnector(Connector connector) {
        String id = connector.info().id();
        List<Connector> bound = connectors.getOrDefault(id, List.of());
        boolean wasInUse = !bound.isEmpty() && bound.get(0) == connector;
        if (!bound.remove(connector) || !wasInUse) {
            return;
        }
        if (bound.isEmpty()) {
            LOG.info("Connector '{}' was removed; registrations that use it wait until it is back", id);
        } else {
            LOG.info("Connector '{}' {} was removed; '{}' {} takes over", id, connector.info().version(), id,
                    bound.get(0).info().version());
        }
        fire();
    }

    public Optional<Connector> get(String id) {
        return connectors.getOrDefault(id, List.of()).stream().findFirst();
    }


    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("Reacting to a connector change failed: {}", e.toString(), e);
            }
        }
    }

    /** Called after a connector comes or goes. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
