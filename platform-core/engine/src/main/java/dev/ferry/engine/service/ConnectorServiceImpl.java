package dev.ferry.engine.service;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.engine.ConnectorRegistry;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.product.Versions;
import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.DiscoveredDataObject;
import dev.ferry.platform.api.ExternalSystemException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InstalledConnector;
import dev.ferry.platform.api.NotFoundException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The connector catalog, from the connectors installed and the products loaded. */
@Component(service = ConnectorService.class)
public class ConnectorServiceImpl implements ConnectorService {

    /** How long a discovery may take before it is stopped and reported as not answering. */
    static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(60);
    /** Discoveries run here, so a system that does not answer holds a thread of its own, not the caller's. */
    private final ExecutorService discoveries = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-connector-discovery");
        t.setDaemon(true);
        return t;
    });

    @Reference
    private ConnectorRegistry connectors;
    @Reference
    private ProductCatalog catalog;

    /** Discoveries still waiting for their system are stopped with the component. */
    @Deactivate
    void deactivate() {
        discoveries.shutdownNow();
    }

    @Override
    public List<InstalledConnector> list() {
        return connectors.ids().stream().map(this::view).flatMap(Optional::stream).toList();
    }

    @Override
    public InstalledConnector get(String id) {
        return view(id).orElseThrow(() -> new NotFoundException("connector", id));
    }

    @Override
    public List<DiscoveredDataObject> discover(String id, Map<String, String> connection) {
        Connector connector = connectors.get(id).orElseThrow(() -> new NotFoundException("connector", id));
        Config settings;
        try {
            settings = Config.validate(connection == null ? Map.of() : connection, connector.connectionSpec());
        } catch (ConfigException e) {
            throw invalidConnection(e);
        }
        Future<List<DiscoveredObject>> found = discoveries.submit(() -> connector.discover(settings));
        try {
            return found.get(DISCOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream().map(o -> new DiscoveredDataObject(
                    o.module(), o.name(), o.description(), o.fields().stream().map(f -> new DiscoveredDataObject.Field(
                            f.name(), f.type().label(), f.required())).toList(), o.primaryKey(), o.options())).toList();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) {
                throw invalidConnection(c); // settings the connector checks beyond their types
            }
            if (cause instanceof ConnectorException c) {
                throw new ExternalSystemException("connector '" + id + "' could not discover: " + c.getMessage() + " ["
                        + c.code() + "]", c);
            }
            throw new ExternalSystemException("connector '" + id + "' failed to discover: " + cause, cause);
        } catch (TimeoutException e) {
            found.cancel(true);
            throw new ExternalSystemException("connector '" + id + "' found nothing within "
                    + DISCOVERY_TIMEOUT.toSeconds() + " s (the system does not answer); the discovery was stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalSystemException("the discovery was interrupted", e);
        }
    }

    private static InvalidInputException invalidConnection(ConfigException e) {
        return new InvalidInputException(e.problems().stream()
                .map(p -> new InvalidInputException.Problem("connection." + p.field(), p.reason())).toList());
    }

    private Optional<InstalledConnector> view(String id) {
        List<ConnectorRegistry.Installed> installed = connectors.installed(id);
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        ConnectorRegistry.Installed highest = installed.get(0);
        List<ProductDescriptor> users = catalog.all().stream().map(ProductCatalog.LoadedProduct::descriptor)
                .filter(d -> d.connectorIds().contains(id))
                .sorted(Comparator.comparing(ProductDescriptor::id).thenComparing(d -> Versions.parse(d.version())))
                .toList();
        // which version serves each product, judged once, against the versions listed here
        Map<ProductDescriptor, ConnectorRegistry.Installed> servedBy = new java.util.IdentityHashMap<>();
        List<InstalledConnector.Use> uses = new ArrayList<>();
        for (ProductDescriptor d : users) {
            String range = d.connectorRange(id);
            Optional<ConnectorRegistry.Installed> serving = ConnectorRegistry.serving(installed, range);
            serving.ifPresent(i -> servedBy.put(d, i));
            uses.add(new InstalledConnector.Use(d.id(), d.version(), range == null ? "any" : range,
                    serving.map(i -> i.info().version()).orElse(null),
                    serving.isPresent() ? "served" : connectors.missing(id, range)));
        }
        List<InstalledConnector.Version> versions = new ArrayList<>();
        for (ConnectorRegistry.Installed i : installed) {
            List<String> serves = users.stream().filter(d -> servedBy.get(d) == i)
                    .map(d -> d.id() + "@" + d.version()).toList();
            versions.add(new InstalledConnector.Version(i.info().version(), i.bundleId(), i.bundle(),
                    i == highest || !serves.isEmpty() ? "serving" : "standing by", why(i, highest, installed, serves),
                    serves));
        }
        Connector c = highest.connector();
        ConnectorInfo info = highest.info();
        return Optional.of(new InstalledConnector(info.id(), info.name(), info.vendor(), info.description(),
                info.version(), versions, settings(c.connectionSpec()),
                c.modules().stream().map(ConnectorServiceImpl::module).toList(), uses));
    }

    private static String why(ConnectorRegistry.Installed i, ConnectorRegistry.Installed highest,
                              List<ConnectorRegistry.Installed> installed, List<String> serves) {
        if (i == highest) {
            return "the highest version installed: it serves every product whose range takes it";
        }
        if (i.info().version().equals(highest.info().version())) {
            return "bundle " + highest.bundleId() + " has the same version and was installed first: it serves in this"
                    + " one's place";
        }
        if (!serves.isEmpty()) {
            return "the highest version in the range of " + String.join(", ", serves)
                    + ", which leaves the higher versions out";
        }
        return "standing by: a higher version (" + highest.info().version() + ") serves every product that uses this"
                + " connector; it takes over for a product whose range leaves the others out, or when they are removed";
    }

    private static List<InstalledConnector.Setting> settings(List<ConfigField> fields) {
        return fields.stream().map(f -> new InstalledConnector.Setting(f.name(), f.type().label(), f.required(),
                f.secret(), f.defaultValue(), f.description())).toList();
    }

    private static InstalledConnector.Module module(ModuleSpec m) {
        return new InstalledConnector.Module(m.name(), m.description(),
                m.serviceTypes().stream().map(ServiceType::label).sorted().toList(),
                m.operations().stream().map(Operation::label).sorted().toList(), settings(m.objectOptions()));
    }
}
