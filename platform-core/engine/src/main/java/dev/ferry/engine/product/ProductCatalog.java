package dev.ferry.engine.product;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.descriptor.DescriptorException;
import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.store.ProductEntity;
import dev.ferry.store.Products;
import dev.ferry.store.Store;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds integration products in installed bundles (header {@code Ferry-Product} names the descriptor), checks
 * them and records each version in the store. A product is <em>loaded</em> while its bundle is active: installing
 * or removing its Karaf feature loads or unloads it in a running platform.
 */
@Component(service = ProductCatalog.class, immediate = true)
public class ProductCatalog {

    public static final String HEADER = "Ferry-Product";
    private static final Logger LOG = LoggerFactory.getLogger(ProductCatalog.class);

    /**
     * A product version whose bundle is active, or a draft authored in Ferry ({@code draft}: then its lifecycle is
     * draft whatever the descriptor says, and a bundle of the same id and version takes its place).
     */
    public record LoadedProduct(ProductDescriptor descriptor, String source, boolean draft) {
    }

    /**
     * A product bundle that is active but whose descriptor was refused.
     *
     * @param productId the id its descriptor gives, or its bundle's symbolic name when it cannot be read that far
     * @param version   the version its descriptor gives, or its bundle's version
     */
    public record RejectedProduct(String productId, String version, String source, List<String> errors, Instant at) {
    }

    private final DescriptorReader reader = new DescriptorReader(FlowLanguages::problem);
    /** Refused product bundles by bundle id, while they are active. */
    private final Map<Long, RejectedProduct> rejected = new ConcurrentHashMap<>();
    private final Map<String, LoadedProduct> loaded = new ConcurrentHashMap<>();
    /** Products unloaded while the platform runs: loading one again is a change worth recording. */
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private BundleTracker<String> tracker;
    private BundleContext context;

    @Reference
    private Store store;
    @Reference
    private ActivityRecorder activity;
    @Reference
    private SharedFlowCatalog sharedFlows;
    private final Runnable sharedFlowsChanged = this::retryRefusedForSharedFlows;
    /** The product each loaded bundle holds (its key), by bundle id. */
    private final Map<Long, String> loadedByBundle = new ConcurrentHashMap<>();

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                if (bundle.getHeaders().get(HEADER) == null) {
                    return null;
                }
                load(bundle);
                return HEADER;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, String key) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String key) {
                synchronized (ProductCatalog.this) {
                    rejected.remove(bundle.getBundleId());
                    String loadedKey = loadedByBundle.remove(bundle.getBundleId());
                    if (loadedKey != null) {
                        unload(bundle, loadedKey);
                    }
                }
            }
        });
        tracker.open();
        sharedFlows.addListener(sharedFlowsChanged);
    }

    /**
     * Product bundles refused because a shared flow they name was not installed are read again when shared flows
     * come or go (a product and the shared flow it uses may start in any order).
     */
    private synchronized void retryRefusedForSharedFlows() {
        for (Map.Entry<Long, RejectedProduct> r : List.copyOf(rejected.entrySet())) {
            boolean waitsForSharedFlow = r.getValue().errors().stream().anyMatch(e -> e.contains(".shared: no version"));
            Bundle bundle = context.getBundle(r.getKey());
            if (waitsForSharedFlow && bundle != null && bundle.getState() == Bundle.ACTIVE) {
                LOG.info("Product bundle {} is read again: a shared flow was installed or removed", r.getValue().source());
                load(bundle);
            }
        }
    }

    @Deactivate
    void deactivate() {
        sharedFlows.removeListener(sharedFlowsChanged);
        closing = true;
        tracker.close();
        loaded.clear();
        rejected.clear();
        FlowLanguages.stopChecking();
    }

    private synchronized void load(Bundle bundle) {
        String source = bundle.getSymbolicName() + " " + bundle.getVersion();
        String path = bundle.getHeaders().get(HEADER);
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            reject(bundle, source, null, List.of(HEADER + ": names " + path + ", but the bundle has no such file"));
            return;
        }
        ProductDescriptor descriptor;
        byte[] bytes = null;
        try (InputStream in = entry.openStream()) {
            bytes = in.readAllBytes();
            descriptor = reader.read(source, bytes, sharedFlows);
        } catch (DescriptorException e) {
            reject(bundle, source, bytes, e.errors());
            return;
        } catch (IOException e) {
            reject(bundle, source, bytes, List.of(path + ": cannot be read: " + e));
            return;
        }
        String key = key(descriptor.id(), descriptor.version());
        LoadedProduct other = loaded.get(key);
        if (other != null && other.draft()) {
            LOG.info("Product {} {} from bundle {} takes the place of the draft authored in Ferry", descriptor.id(),
                    descriptor.version(), source);
            loaded.remove(key);
            other = null;
        }
        if (other != null) {
            reject(bundle, source, bytes, List.of("/id, /version: " + descriptor.id() + " " + descriptor.version()
                    + " is loaded from " + other.source() + " already"));
            return;
        }
        try {
            record(descriptor, source, unloaded.remove(key));
        } catch (RuntimeException e) {
            LOG.error("Product bundle {} was not loaded: {}", source, e.getMessage(), e);
            reject(bundle, source, bytes, List.of("it could not be stored: " + e.getMessage()));
            return;
        }
        loaded.put(key, new LoadedProduct(descriptor, source, false));
        loadedByBundle.put(bundle.getBundleId(), key);
        rejected.remove(bundle.getBundleId());
        LOG.info("Product {} {} ({}) is loaded from {}", descriptor.id(), descriptor.version(), descriptor.name(), source);
        fire();
    }

    /**
     * Keeps a refused product bundle listed (state {@code invalid}, with its errors) while it is active, and says so
     * in the log and the activity log.
     */
    private void reject(Bundle bundle, String source, byte[] descriptor, List<String> errors) {
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        if (descriptor != null) {
            try {
                JsonNode tree = RecordJson.MAPPER.readTree(descriptor);
                id = tree.path("id").isTextual() ? tree.path("id").asText() : id;
                version = tree.path("version").isTextual() ? tree.path("version").asText() : version;
            } catch (IOException | RuntimeException notJson) {
                // the errors say so; the bundle's name stands in
            }
        }
        RejectedProduct r = new RejectedProduct(id, version, source, List.copyOf(errors), Instant.now());
        rejected.put(bundle.getBundleId(), r);
        LOG.error("Product bundle {} was not loaded: {} error(s): {}", source, errors.size(), String.join("; ", errors));
        activity.record(new Activity("product.rejected", "system", id, null, null, "product bundle " + source
                + " was refused: " + errors.size() + " error(s) in its descriptor", null, RecordJson.write(Map.of(
                "product", id, "version", version, "errors", errors))));
    }

    /**
     * Loads a product version authored in Ferry (already checked) as a draft: registrable in development workspaces
     * only, until a bundle brings the same id and version.
     *
     * @throws IllegalStateException when a bundle holds that version
     */
    public synchronized void loadDraft(ProductDescriptor descriptor, String source) {
        String key = key(descriptor.id(), descriptor.version());
        LoadedProduct other = loaded.get(key);
        if (other != null && !other.draft()) {
            throw new IllegalStateException(descriptor.id() + " " + descriptor.version() + " is loaded from bundle "
                    + other.source());
        }
        ProductDescriptor asDraft = descriptor.withLifecycle("draft");
        record(asDraft, source, unloaded.remove(key));
        loaded.put(key, new LoadedProduct(asDraft, source, true));
        LOG.info("Product {} {} ({}) is loaded as a draft: {}", descriptor.id(), descriptor.version(), descriptor.name(), source);
        fire();
    }

    /** Whether a version is loaded from a bundle (not a draft). */
    public boolean fromBundle(String id, String version) {
        LoadedProduct p = loaded.get(key(id, version));
        return p != null && !p.draft();
    }

    /** Product bundles that are active but whose descriptor was refused, oldest first. */
    public List<RejectedProduct> rejected() {
        return rejected.values().stream().sorted(Comparator.comparing(RejectedProduct::at)).toList();
    }

    /** Stores a new or changed product version, and says so in the activity log. */
    private void record(ProductDescriptor d, String source, boolean reloaded) {
        String json = reader.write(d);
        if (json.length() > Store.TEXT) {
            throw new IllegalArgumentException("descriptor is " + json.length() + " characters; at most " + Store.TEXT + " can be stored");
        }
        String hash = RecordJson.sha256(json);
        String change = store.inTransaction(em -> {
            ProductEntity p = Products.find(em, d.id(), d.version()).orElseGet(ProductEntity::new);
            if (hash.equals(p.descriptorHash)) {
                return reloaded ? "loaded" : null;
            }
            boolean isNew = p.id == null;
            Instant now = Instant.now();
            p.productId = d.id();
            p.version = d.version();
            p.name = d.name();
            p.type = d.type();
            p.lifecycle = d.lifecycle();
            p.descriptor = json;
            p.descriptorHash = hash;
            p.source = source;
            p.updatedAt = now;
            if (isNew) {
                p.installedAt = now;
                em.persist(p);
            }
            return isNew ? "installed" : "updated";
        });
        if (change != null) {
            activity.record(new Activity("product." + change, "system", d.id(), null, null,
                    "product " + d.id() + " " + d.version() + " " + change + " from " + source, null, json));
        }
    }

    private void unload(Bundle bundle, String key) {
        LoadedProduct product = loaded.remove(key);
        if (product == null || closing || context.getBundle(0).getState() == Bundle.STOPPING) {
            return;
        }
        unloaded.add(key);
        ProductDescriptor d = product.descriptor();
        LOG.info("Product {} {} was unloaded (bundle {} stopped); its registrations wait until it is back",
                d.id(), d.version(), product.source());
        activity.record(new Activity("product.unloaded", "system", d.id(), null, null,
                "product " + d.id() + " " + d.version() + " unloaded: bundle " + product.source() + " stopped", null, null));
        fire();
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("Reacting to a product change failed: {}", e.toString(), e);
            }
        }
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    /** Every loaded product version. */
    public List<LoadedProduct> all() {
        return List.copyOf(loaded.values());
    }

    public Optional<LoadedProduct> loaded(String id, String version) {
        return Optional.ofNullable(loaded.get(key(id, version)));
    }

    /** The loaded versions of a product, oldest first. */
    public List<String> versions(String id) {
        return loaded.values().stream().map(LoadedProduct::descriptor).filter(d -> d.id().equals(id))
                .map(ProductDescriptor::version).sorted(Comparator.comparing(Versions::parse)).toList();
    }

    /** The newest loaded version of a product that can take new registrations: published, else draft. */
    public Optional<LoadedProduct> newest(String id) {
        Comparator<LoadedProduct> order = Comparator
                .comparing((LoadedProduct p) -> "published".equals(p.descriptor().lifecycle()))
                .thenComparing(p -> "draft".equals(p.descriptor().lifecycle()))
                .thenComparing(p -> Versions.parse(p.descriptor().version()));
        return loaded.values().stream().filter(p -> p.descriptor().id().equals(id)).max(order);
    }

    /** A product version's descriptor: the loaded one, or the one stored when it was last loaded. */
    public Optional<ProductDescriptor> descriptor(String id, String version) {
        LoadedProduct p = loaded.get(key(id, version));
        if (p != null) {
            return Optional.of(p.descriptor());
        }
        return store.inTransaction(em -> Products.descriptor(em, id, version))
                .map(reader::readStored);
    }

    /** Called after a product is loaded or unloaded. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
