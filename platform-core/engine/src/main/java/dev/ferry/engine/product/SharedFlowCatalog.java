package dev.ferry.engine.product;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.DescriptorException;
import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.SharedFlowDescriptor;
import dev.ferry.engine.descriptor.SharedFlows;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.json.RecordJson;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds shared flows in installed bundles (header {@code Ferry-Shared-Flow} names the descriptor) and checks them. A
 * shared flow is installed while its bundle is active; products whose flows name it take its stages when they load
 * (and keep them: a product loaded before keeps the version it found until it loads again).
 */
@Component(service = {SharedFlowCatalog.class, SharedFlows.class}, immediate = true)
public class SharedFlowCatalog implements SharedFlows {

    public static final String HEADER = "Ferry-Shared-Flow";
    private static final Logger LOG = LoggerFactory.getLogger(SharedFlowCatalog.class);

    /** An installed shared flow. */
    public record Installed(SharedFlowDescriptor descriptor, String source) {
    }

    /** A shared-flow bundle that is active but whose descriptor was refused. */
    public record Rejected(String source, List<String> errors, Instant at) {
    }

    private final DescriptorReader reader = new DescriptorReader(FlowLanguages::problem);
    private final Map<String, Installed> installed = new ConcurrentHashMap<>();
    private final Map<Long, Rejected> rejected = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private BundleTracker<String> tracker;

    @Reference
    private ActivityRecorder activity;

    @Activate
    void activate(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getHeaders().get(HEADER) == null ? null : load(bundle);
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, String key) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String key) {
                rejected.remove(bundle.getBundleId());
                Installed gone = key.isEmpty() ? null : installed.remove(key);
                if (gone != null) {
                    LOG.info("Shared flow {} {} was removed (bundle {} stopped); products loaded with it keep its stages",
                            gone.descriptor().id(), gone.descriptor().version(), gone.source());
                    fire();
                }
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        installed.clear();
        rejected.clear();
    }

    private String load(Bundle bundle) {
        String source = bundle.getSymbolicName() + " " + bundle.getVersion();
        String path = bundle.getHeaders().get(HEADER);
        URL entry = bundle.getEntry(path);
        SharedFlowDescriptor d;
        try {
            if (entry == null) {
                throw new DescriptorException(source, List.of(HEADER + ": names " + path + ", but the bundle has no such file"));
            }
            try (InputStream in = entry.openStream()) {
                d = reader.readSharedFlow(source, in.readAllBytes());
            }
            Installed other = installed.get(key(d.id(), d.version()));
            if (other != null) {
                throw new DescriptorException(source, List.of("id, version: " + d.id() + " " + d.version()
                        + " is installed from " + other.source() + " already"));
            }
        } catch (DescriptorException | IOException e) {
            List<String> errors = e instanceof DescriptorException de ? de.errors() : List.of(path + ": cannot be read: " + e);
            rejected.put(bundle.getBundleId(), new Rejected(source, errors, Instant.now()));
            LOG.error("Shared flow bundle {} was not installed: {} error(s): {}", source, errors.size(), String.join("; ", errors));
            activity.record(new Activity("shared-flow.rejected", "system", bundle.getSymbolicName(), null, null,
                    "shared flow bundle " + source + " was refused: " + errors.size() + " error(s) in its descriptor",
                    null, RecordJson.write(Map.of("errors", errors))));
            return "";
        }
        String key = key(d.id(), d.version());
        installed.put(key, new Installed(d, source));
        LOG.info("Shared flow {} {} ({}) is installed from {}", d.id(), d.version(), d.name(), source);
        activity.record(new Activity("shared-flow.installed", "system", d.id(), null, null,
                "shared flow " + d.id() + " " + d.version() + " installed from " + source, null, null));
        fire();
        return key;
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    @Override
    public Optional<SharedFlowDescriptor> newest(String id, String range) {
        return of(installed.values().stream().map(Installed::descriptor).toList()).newest(id, range);
    }

    @Override
    public List<String> versions(String id) {
        return of(installed.values().stream().map(Installed::descriptor).toList()).versions(id);
    }

    /** These shared flows as the installed ones (for checking descriptors outside the platform, as tests do). */
    public static SharedFlows of(java.util.Collection<SharedFlowDescriptor> flows) {
        return new SharedFlows() {
            @Override
            public Optional<SharedFlowDescriptor> newest(String id, String range) {
                Versions.inRange("0.0.0", range); // refuses a range it cannot read, even when nothing is installed
                return flows.stream().filter(d -> d.id().equals(id) && Versions.inRange(d.version(), range))
                        .max(Comparator.comparing(d -> Versions.parse(d.version())));
            }

            @Override
            public List<String> versions(String id) {
                return flows.stream().filter(d -> d.id().equals(id))
                        .sorted(Comparator.comparing(d -> Versions.parse(d.version())))
                        .map(SharedFlowDescriptor::version).toList();
            }
        };
    }

    /** The installed shared flows, by id and version. */
    public List<Installed> installed() {
        return installed.values().stream().sorted(Comparator.comparing((Installed i) -> i.descriptor().id())
                .thenComparing(i -> Versions.parse(i.descriptor().version()))).toList();
    }

    /** Shared-flow bundles that are active but refused, oldest first. */
    public List<Rejected> rejected() {
        return rejected.values().stream().sorted(Comparator.comparing(Rejected::at)).toList();
    }

    /** Called after a shared flow is installed or removed. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("Reacting to a shared flow change failed: {}", e.toString(), e);
            }
        }
    }
}
