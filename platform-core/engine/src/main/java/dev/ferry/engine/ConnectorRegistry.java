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

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connectors installed right now, by id; they come and go with their bundles. */
@Component(service = ConnectorRegistry.class)
public class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnector(Connector connector) {
        ConnectorInfo info = connector.info();
        Connector previous = connectors.putIfAbsent(info.id(), connector);
        if (previous != null) {
            LOG.warn("Connector '{}' {} is ignored: connector '{}' {} is installed already", info.id(), info.version(),
                    info.id(), previous.info().version());
            return;
        }
        LOG.info("Connector '{}' {} by {} is available", info.id(), info.version(), info.vendor());
        listeners.forEach(Runnable::run);
    }

    void unbindConnector(Connector connector) {
        String id = connector.info().id();
        if (connectors.remove(id, connector)) {
            LOG.info("Connector '{}' was removed; registrations that use it wait until it is back", id);
            listeners.forEach(Runnable::run);
        }
    }

    public Optional<Connector> get(String id) {
        return Optional.ofNullable(connectors.get(id));
    }

    public Collection<Connector> all() {
        return connectors.values();
    }

    /** Called after a connector comes or goes. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
