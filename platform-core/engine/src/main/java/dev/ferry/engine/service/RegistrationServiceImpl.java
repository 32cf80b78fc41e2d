package dev.ferry.engine.service;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.camel.CamelRuntime;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.data.StepFailedException;
import dev.ferry.engine.registration.NotRunnableException;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.camel.RegistrationRuntime;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.ConnectionCheck;
import dev.ferry.platform.api.ExternalSystemException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.WorkspaceType;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Registrations;
import dev.ferry.store.ServiceStates;
import dev.ferry.store.Store;
import dev.ferry.store.WorkspaceEntity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Component(service = RegistrationService.class)
public class RegistrationServiceImpl implements RegistrationService {

    static final String MASK = "****";
    static final int MAX_PEEK = 10_000;
    /** How long a removal waits for the registration's runs to stop. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private RegistrationResolver resolver;
    @Reference
    private RegistrationRuntime runtime;
    @Reference
    private CamelRuntime camel;
    @Reference
    private ActivityRecorder activity;
    @Reference
    private RunLedger ledger;
    @Reference
    private dev.ferry.engine.registration.FlowCopies flowCopies;

    @Override
    public Registration register(NewRegistration request, String actor) {
        if (request.product() == null || request.product().isBlank()) {
            throw new InvalidInputException("product", "is required");
        }
        if (request.workspace() == null || request.workspace().isBlank()) {
            throw new InvalidInputException("workspace", "is required");
        }
        String workspace = request.workspace().trim();
        WorkspaceEntity target = store.inTransaction(em -> em.find(WorkspaceEntity.class, workspace));
        if (target == null) {
            throw new NotFoundException("workspace", workspace);
        }
        String productId = request.product().trim();
        ProductDescriptor product = (request.version() == null ? catalog.newest(productId)
                : catalog.loaded(productId, request.version().trim()))
                .orElseThrow(() -> new NotFoundException("product", productId
                        + (request.version() == null ? "" : " " + request.version().trim())))
                .descriptor();
        checkFits(product, WorkspaceType.valueOf(target.type));
        Map<String, String> config = resolver.checkConfig(product, request.config() == null ? Map.of() : request.config());
        Map<String, String> features = new LinkedHashMap<>();
        product.features().forEach(f -> features.put(f.id(), "active"));
        String id = workspace + ":" + productId;
        try {
            resolver.resolve(id, workspace, product, config, features);
        } catch (NotRunnableException e) {
            // registering ahead of a connector is fine: the registration waits for it
        }
        RegistrationEntity created = Conflicts.onDuplicate("product " + productId + " is registered to workspace "
                + workspace + " already (registration " + id + ")", () -> store.inTransaction(em -> {
            if (em.find(RegistrationEntity.class, id) != null) {
                throw new ConflictException("product " + productId + " is registered to workspace " + workspace
                        + " already (registration " + id + ")");
            }
            RegistrationEntity r = new RegistrationEntity();
            r.id = id;
            r.workspace = workspace;
            r.productId = productId;
            r.productVersion = product.version();
            r.config.putAll(config);
            r.features.putAll(features);
            r.createdAt = Instant.now();
            r.lastSyncedAt = r.createdAt;
            em.persist(r);
            return r;
        }));
        flowCopies.copyTemplates(workspace, product, actor);
        runtime.reconcile(id);
        Registration view = view(created, product);
        activity.record(new Activity("registration.created", actor, productId, workspace, id,
                "product " + productId + " " + product.version() + " registered to workspace " + workspace, null,
                RecordJson.write(view)));
        return view;
    }

    @Override
    public List<Registration> list(String workspace) {
        return store.inTransaction(em -> Registrations.list(em, workspace)).stream().map(r -> view(r, catalog.descriptor(r.productId, r.productVersion).orElse(null)))
                .collect(Collectors.toList());
    }

    @Override
    public Registration get(String id) {
        RegistrationEntity r = find(id);
        return view(r, catalog.descriptor(r.productId, r.productVersion).orElse(null));
    }

    @Override
    public void remove(String id, String actor) {
        Registration before = get(id);
        ledger.closeAndDrain(id, "registration " + id + " is being removed", DRAIN);
        try {
            boolean removed = store.inTransaction(em -> {
                RegistrationEntity r = em.find(RegistrationEntity.class, id);
                if (r == null) {
                    return false;
                }
                em.remove(r);
                ServiceStates.deleteRegistration(em, id);
                return true;
            });
            if (!removed) {
                throw new NotFoundException("registration", id);
            }
            runtime.remove(id);
        } finally {
            ledger.reopen(id);
        }
        activity.record(new Activity("registration.removed", actor, before.product(), before.workspace(), id,
                "registration " + id + " removed", RecordJson.write(before), null));
    }

    @Override
    public List<ConnectionCheck> testConnections(String registration) {
        find(registration);
        ResolvedRegistration reg;
        try {
            reg = resolver.resolve(registration);
        } catch (NotRunnableException e) {
            throw new ConflictException("registration " + registration + " cannot be tested now: " + e.getMessage());
        }
        return reg.services().values().stream().map(svc -> {
            try {
                ConnectionTest test = svc.connector().testConnection(svc.connection());
                return new ConnectionCheck(svc.id(), svc.def().connector(), test.ok(), test.message());
            } catch (RuntimeException e) {
                return new ConnectionCheck(svc.id(), svc.def().connector(), false, "the connection test failed: " + e);
            }
        }).collect(Collectors.toList());
    }

    @Override
    public List<Map<String, Object>> peek(String registration, String service, int limit) {
        if (limit < 1 || limit > MAX_PEEK) {
            throw new InvalidInputException("limit", limit + " is not between 1 and " + MAX_PEEK);
        }
        find(registration);
        ResolvedRegistration reg;
        try {
            reg = resolver.resolve(registration);
        } catch (NotRunnableException e) {
            throw new ConflictException("registration " + registration + " cannot be read now: " + e.getMessage());
        }
        if (!reg.services().containsKey(service)) {
            throw new NotFoundException("service", service + "' in product '" + reg.product().id());
        }
        try {
            return camel.dataPath().peek(reg, service, limit);
        } catch (StepFailedException e) {
            throw new ExternalSystemException(e.getMessage(), e);
        }
    }

    /**
     * Which products a workspace takes: standard ones go to standard workspaces, custom ones to custom workspaces,
     * project-based ones to project workspaces, and a development workspace takes any product for testing. Only
     * development workspaces take drafts; deprecated and archived versions take no new registrations.
     */
    private static void checkFits(ProductDescriptor product, WorkspaceType workspace) {
        String version = product.id() + " " + product.version();
        if (product.lifecycle().equals("deprecated") || product.lifecycle().equals("archived")) {
            throw new InvalidInputException("product", version + " is " + product.lifecycle() + " and takes no new registrations");
        }
        if (workspace == WorkspaceType.DEVELOPMENT) {
            return;
        }
        if (product.lifecycle().equals("draft")) {
            throw new InvalidInputException("product", version + " is a draft: register it to a development workspace");
        }
        WorkspaceType fits = switch (product.type()) {
            case "custom" -> WorkspaceType.CUSTOM;
            case "project-based" -> WorkspaceType.PROJECT;
            default -> WorkspaceType.STANDARD;
        };
        if (fits != workspace) {
            throw new InvalidInputException("workspace", "a " + workspace.label() + " workspace does not take " + version
                    + ", a " + product.type() + " product (it goes to " + fits.label() + " or development workspaces)");
        }
    }

    private RegistrationEntity find(String id) {
        RegistrationEntity r = store.inTransaction(em -> em.find(RegistrationEntity.class, id));
        if (r == null) {
            throw new NotFoundException("registration", id);
        }
        return r;
    }

    private Registration view(RegistrationEntity r, ProductDescriptor product) {
        Map<String, String> config = new LinkedHashMap<>();
        r.config.forEach((k, v) -> config.put(k, product != null && product.config(k).map(ProductDescriptor.ConfigDef::effectiveSecret)
                .orElse(false) ? MASK : v));
        List<String> jobs = product == null ? List.of()
                : product.jobs().stream().map(ProductDescriptor.JobDef::id).collect(Collectors.toList());
        boolean inSync = catalog.loaded(r.productId, r.productVersion).isPresent();
        return new Registration(r.id, r.workspace, r.productId, r.productVersion, config, new LinkedHashMap<>(r.features),
                jobs, inSync, r.createdAt, r.lastSyncedAt, runtime.state(r.id));
    }
}
