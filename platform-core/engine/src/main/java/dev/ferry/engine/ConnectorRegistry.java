package dev.ferry.engine;

import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.engine.product.Versions;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connectors installed right now, by id and version; they come and go with their bundles. Which installed
 * version serves a product is decided by versions alone, never by the order bundles started in: the highest version
 * in the product's range (any version when it names none); of two bundles with one version, the one installed first
 * (the lower bundle id). So the same connector serves after a restart, and installing a higher version moves the
 * registrations that accept it to it.
 */
@Component(service = ConnectorRegistry.class)
public class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    /** An installed connector: its service, and the bundle it came from. */
    public record Installed(Connector connector, ConnectorInfo info, long bundleId, String bundle) {

        /** Highest version first; of one version, the bundle installed first. */
        static final Comparator<Installed> PREFERRED = Comparator
                .comparing((Installed i) -> Versions.parse(i.info().version())).reversed()
                .thenComparingLong(Installed::bundleId);
    }

    /** Per id, every installed version, the preferred first. */
    private final Map<String, List<Installed>> connectors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnector(Connector connector, Map<String, Object> properties) {
        Bundle bundle = FrameworkUtil.getBundle(connector.getClass());
        Object id = properties.get(Constants.SERVICE_BUNDLEID);
        long bundleId = id instanceof Number n ? n.longValue() : bundle != null ? bundle.getBundleId() : -1;
        String bundleName = bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion();
        add(new Installed(connector, connector.info(), bundleId, bundleName));
    }

    void unbindConnector(Connector connector) {
        remove(connector);
    }

    /** Adds an installed connector (what binding its service does); listeners are told outside the lock. */
    void add(Installed installed) {
        ConnectorInfo info = installed.info();
        List<Installed> versions;
        synchronized (connectors) {
            versions = new ArrayList<>(connectors.getOrDefault(info.id(), List.of()));
            versions.add(installed);
            versions.sort(Installed.PREFERRED);
            connectors.put(info.id(), List.copyOf(versions));
        }
        if (versions.get(0) == installed) {
            LOG.info("Connector '{}' {} by {} is available (bundle {}){}", info.id(), info.version(), info.vendor(),
                    installed.bundleId(), versions.size() == 1 ? "" : "; as the highest version installed it serves"
                            + " every product whose range takes it, in place of " + versions.get(1).info().version());
        } else {
            LOG.info("Connector '{}' {} is installed (bundle {}) beside the higher {}: it serves only products whose"
                    + " range leaves the higher version out", info.id(), info.version(), installed.bundleId(),
                    versions.get(0).info().version());
        }
        fire();
    }

    /** Removes a connector whose bundle went (what unbinding its service does). */
    void remove(Connector connector) {
        String id = connector.info().id();
        List<Installed> versions;
        synchronized (connectors) {
            versions = new ArrayList<>(connectors.getOrDefault(id, List.of()));
            if (!versions.removeIf(i -> i.connector() == connector)) {
                return;
            }
            if (versions.isEmpty()) {
                connectors.remove(id);
            } else {
                connectors.put(id, List.copyOf(versions));
            }
        }
        if (versions.isEmpty()) {
            LOG.info("Connector '{}' {} was removed; the registrations that use it wait (connector missing) until it"
                    + " is back", id, connector.info().version());
        } else {
            LOG.info("Connector '{}' {} was removed; the registrations it served move to the highest version left in"
                    + " their product's range ({} installed)", id, connector.info().version(), versions.stream()
                    .map(i -> i.info().version()).toList());
        }
        fire();
    }

    /**
     * The connector that serves a product: of the installed versions of {@code id}, the highest in {@code range}
     * (a version range as {@link Versions#inRange} reads it; null takes any version).
     */
    public Optional<Connector> serving(String id, String range) {
        return servingInstalled(id, range).map(Installed::connector);
    }

    /** {@link #serving} with the bundle it came from. */
    public Optional<Installed> servingInstalled(String id, String range) {
        return serving(installed(id), range);
    }

    /** Of some installed versions of a connector (the highest first), the one that serves a product's range. */
    public static Optional<Installed> serving(List<Installed> installed, String range) {
        return installed.stream().filter(i -> range == null || Versions.inRange(i.info().version(), range)).findFirst();
    }

    /** The highest installed version of a connector: what serves a product that names no range. */
    public Optional<Connector> get(String id) {
        return serving(id, null);
    }

    /** Every installed version of a connector, the highest first; empty when none is. */
    public List<Installed> installed(String id) {
        return connectors.getOrDefault(id, List.of());
    }

    /** The ids of the installed connectors, in order. */
    public Set<String> ids() {
        return new TreeSet<>(connectors.keySet());
    }

    /**
     * Why no connector serves: "connector missing: ..." with the versions installed, for the registrations that wait
     * and the runs that fail fast meanwhile.
     */
    public String missing(String id, String range) {
        List<Installed> versions = installed(id);
        String wanted = range == null ? "connector '" + id + "'" : "connector '" + id + "' in " + range;
        if (versions.isEmpty()) {
            return "connector missing: " + wanted + " is not installed";
        }
        return "connector missing: " + wanted + " is not installed (installed: " + versions.stream()
                .map(i -> i.info().version()).toList() + ")";
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
