package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.product.Versions;
import dev.ferry.platform.api.SyncState;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether registrations run the definition they were last synced to: the content hash of each part of their product
 * version's definition (with their workspace's flow-template copies in place) against the hashes kept when they were
 * last synced, and which parts differ.
 */
@Component(service = SyncStates.class)
public class SyncStates {

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private FlowCopies flowCopies;

    /**
     * Whether the registration runs the definition it was last synced to, and if not, why. A registration stored
     * before Ferry kept definition hashes counts as synced to its version as it is when first read here. Each
     * version's parts are worked out once for a list of registrations ({@code partsByVersion}), unless the product
     * has flow templates (each workspace then has its own copies).
     */
    public SyncState of(RegistrationEntity r, Map<String, Map<String, String>> partsByVersion) {
        String newest = catalog.newest(r.productId).map(p -> p.descriptor().version())
                .filter(v -> Versions.parse(v).compareTo(Versions.parse(r.productVersion)) > 0).orElse(null);
        Optional<ProductDescriptor> loaded = catalog.loaded(r.productId, r.productVersion).map(ProductCatalog.LoadedProduct::descriptor);
        if (loaded.isEmpty()) {
            return new SyncState(false, r.productVersion, r.syncedHash, null, r.lastSyncedAt,
                    List.of("product " + r.productId + " " + r.productVersion + " is not installed"), newest);
        }
        boolean templated = loaded.get().flows().stream().anyMatch(ProductDescriptor.FlowDef::templated);
        ProductDescriptor applied = templated ? flowCopies.applyTo(r.workspace, loaded.get()) : loaded.get();
        Map<String, String> parts = templated ? Definitions.parts(applied)
                : partsByVersion.computeIfAbsent(r.productVersion, v -> Definitions.parts(applied));
        String hash = Definitions.hash(r.productId, r.productVersion, parts);
        if (r.syncedHash == null) {
            store.run(em -> {
                RegistrationEntity stored = em.find(RegistrationEntity.class, r.id);
                if (stored != null && stored.syncedHash == null) {
                    synced(stored, applied);
                }
            });
            return new SyncState(true, r.productVersion, hash, hash, r.lastSyncedAt, List.of(), newest);
        }
        if (hash.equals(r.syncedHash)) {
            return new SyncState(true, r.productVersion, r.syncedHash, hash, r.lastSyncedAt, List.of(), newest);
        }
        List<String> why = Definitions.differences(Definitions.read(r.syncedParts), parts);
        return new SyncState(false, r.productVersion, r.syncedHash, hash, r.lastSyncedAt, why.isEmpty()
                ? List.of("the definition of " + r.productId + " " + r.productVersion + " changed") : why, newest);
    }

    /** Records the definition a registration is synced to. */
    public static void synced(RegistrationEntity r, ProductDescriptor applied) {
        Map<String, String> parts = Definitions.parts(applied);
        r.syncedParts = Definitions.write(parts);
        r.syncedHash = Definitions.hash(applied.id(), applied.version(), parts);
    }
}
