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
import dev.ferry.engine.registration.ConnectionTests;
import dev.ferry.engine.registration.SyncStates;
import dev.ferry.engine.secret.SecretBox;
import dev.ferry.engine.registration.RegistrationPlanner;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.product.Versions;
import dev.ferry.engine.camel.RegistrationRuntime;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.ConnectionCheck;
import dev.ferry.platform.api.ExternalSystemException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationHealth;
import dev.ferry.platform.api.ProductRegistration;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationPage;
import dev.ferry.platform.api.RegistrationQuery;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.RegistrationUpdate;
import dev.ferry.platform.api.SyncState;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    @Reference
    private SecretBox secrets;
    @Reference
    private ConnectionTests connectionTests;
    @Reference
    private SyncStates syncStates;

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
        Map<String, String> given = request.config() == null ? Map.of() : request.config();
        Map<String, String> features = new LinkedHashMap<>();
        product.features().forEach(f -> features.put(f.id(), "active"));
        String id = workspace + ":" + productId;
        RegistrationResolver.Checked check = resolver.checkAll(id, workspace, product, given, features,
                RegistrationOverrides.NONE);
        Map<String, String> config = check.config();
        if (store.inTransaction(em -> em.find(RegistrationEntity.class, id)) != null) {
            throw new ConflictException("product " + productId + " is registered to workspace " + workspace
                    + " already (registration " + id + ")");
        }
        String failing = null;
        if (check.resolved() != null) {
            ConnectionTests.makeDefaultFolders(product, workspace, config, given);
            failing = connectionTests.testOrRefuse(check.resolved(), given.keySet(), request.testing());
        }
        String failingReason = failing;
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
            r.config.putAll(seal(product, config));
            r.features.putAll(features);
            r.createdAt = Instant.now();
            r.lastSyncedAt = r.createdAt;
            SyncStates.synced(r, flowCopies.applyTo(workspace, product));
            if (failingReason != null) {
                markFailing(r, failingReason, r.createdAt);
            }
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
    public RegistrationPlan update(String id, RegistrationUpdate request, boolean preview, String actor) {
        RegistrationUpdate update = request == null ? RegistrationUpdate.SYNC : request;
        RegistrationEntity r = find(id);
        WorkspaceEntity workspace = store.inTransaction(em -> em.find(WorkspaceEntity.class, r.workspace));
        ProductDescriptor current = catalog.loaded(r.productId, r.productVersion).map(ProductCatalog.LoadedProduct::descriptor)
                .orElse(null);
        String toVersion = update.version() == null || update.version().isBlank() ? r.productVersion : update.version().trim();
        boolean moving = !toVersion.equals(r.productVersion);
        ProductDescriptor target = catalog.loaded(r.productId, toVersion).map(ProductCatalog.LoadedProduct::descriptor)
                .orElseThrow(() -> new InvalidInputException("version", "product " + r.productId + " has no installed version "
                        + toVersion + " (installed: " + String.join(", ", catalog.versions(r.productId)) + ")"));
        if (moving) {
            RegistrationChanges.checkTarget(target, WorkspaceType.valueOf(workspace.type));
        }
        RegistrationOverrides overridesBefore = RegistrationResolver.overrides(r);
        Map<String, String> stored = secrets.open(r.config);
        RegistrationPlanner.Setup before = new RegistrationPlanner.Setup(current == null
                ? RegistrationChanges.emptyVersion(r.productId, r.productVersion) : flowCopies.applyTo(r.workspace, current),
                stored, r.features, overridesBefore);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> features = RegistrationChanges.featuresAfter(r, target, update, problems);
        RegistrationOverrides overrides = RegistrationChanges.overridesAfter(overridesBefore, target, update, actor, problems);
        Map<String, String> values = RegistrationChanges.configAfter(stored, current, target, update);
        ProductDescriptor applied = flowCopies.applyTo(r.workspace, target);
        RegistrationPlanner.Setup after = new RegistrationPlanner.Setup(applied, values, features, overrides);
        List<String> missing = RegistrationPlanner.missingConfigs(after);
        Map<String, String> config = values;
        try {
            config = resolver.checkConfig(target, r.workspace, values);
        } catch (InvalidInputException e) {
            e.problems().stream().filter(p -> !missing.contains(p.field().replaceFirst("^config ", ""))).forEach(problems::add);
        }
        ResolvedRegistration resolved = null; // null while a connector is missing: its settings are checked when it comes
        if (problems.isEmpty() && missing.isEmpty()) {
            try {
                resolved = resolver.resolve(id, r.workspace, applied, config, features, overrides);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            } catch (NotRunnableException e) {
                if (moving) {
                    throw new ConflictException("registration " + id + " cannot move to " + r.productId + " " + toVersion
                            + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        after = new RegistrationPlanner.Setup(applied, config, features, overrides);
        RegistrationPlan plan = RegistrationChanges.withTemplateChanges(RegistrationPlanner.plan(id, r.workspace, before, after), current, target);
        Map<String, String> resets = RegistrationPlanner.resets(before, after);
        if (!resets.isEmpty() && moving && Versions.parse(toVersion).compareTo(Versions.parse(r.productVersion)) < 0
                && !update.resetAllowed()) {
            throw new InvalidInputException("reset", "moving " + id + " down from " + r.productVersion + " to " + toVersion
                    + " resets the cache of " + String.join(", ", resets.keySet()) + "; give reset (--reset) to accept that");
        }
        if (preview) {
            return plan;
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing.stream().map(m -> new Problem("config " + m, "is required by "
                    + r.productId + " " + toVersion + " and has no default: give it a value")).toList());
        }
        String failing = null;
        if (resolved != null && (moving || !config.equals(stored))) { // what reaches the external systems changed: try it
            ConnectionTests.makeDefaultFolders(target, r.workspace, config, update.config() == null ? Map.of() : update.config());
            failing = connectionTests.testOrRefuse(resolved, update.config() == null ? java.util.Set.of()
                    : update.config().keySet(), update.testing());
        }
        return apply(r, plan, after, resets.keySet(), failing, actor);
    }

    /** Makes the change, with the registration's runs stopped; puts everything back when the new routes cannot start. */
    private RegistrationPlan apply(RegistrationEntity r, RegistrationPlan plan, RegistrationPlanner.Setup after,
                                   java.util.Set<String> resets, String failing, String actor) {
        String id = r.id;
        Registration before = get(id);
        boolean wasRunning = runtime.running(id);
        ledger.closeAndDrain(id, "registration " + id + " is being updated", DRAIN);
        try {
            Instant now = Instant.now();
            store.run(em -> {
                RegistrationEntity e = em.find(RegistrationEntity.class, id);
                e.productVersion = after.product().version();
                e.config.clear();
                e.config.putAll(seal(after.product(), after.config()));
                e.features.clear();
                e.features.putAll(after.features());
                e.overrides = RegistrationResolver.write(after.overrides());
                e.lastSyncedAt = now;
                SyncStates.synced(e, after.product());
                if (failing != null) {
                    markFailing(e, failing, now);
                }
            });
            flowCopies.copyTemplates(r.workspace, after.product(), actor);
            Optional<String> failure = runtime.reconciled(id);
            if (failure.isPresent() && wasRunning) {
                store.run(em -> {
                    RegistrationEntity e = em.find(RegistrationEntity.class, id);
                    e.productVersion = r.productVersion;
                    e.config.clear();
                    e.config.putAll(r.config);
                    e.features.clear();
                    e.features.putAll(r.features);
                    e.overrides = r.overrides;
                    e.lastSyncedAt = r.lastSyncedAt;
                    e.syncedHash = r.syncedHash;
                    e.syncedParts = r.syncedParts;
                    e.health = r.health;
                    e.failures = r.failures;
                    e.failingSince = r.failingSince;
                    e.failedAt = r.failedAt;
                    e.failingReason = r.failingReason;
                });
                runtime.reconcile(id);
                activity.record(new Activity("registration.update-failed", actor, r.productId, r.workspace, id,
                        "registration " + id + " could not start with the change (" + failure.get() + "); it runs "
                                + r.productId + " " + r.productVersion + " as before", RecordJson.write(plan), null));
                throw new ConflictException("registration " + id + " could not start with the change: " + failure.get()
                        + "; nothing was changed, it runs " + r.productId + " " + r.productVersion + " as before");
            }
            if (!resets.isEmpty()) {
                store.run(em -> resets.forEach(service -> ServiceStates.deleteService(em, id, service)));
            }
        } finally {
            ledger.reopen(id);
        }
        RegistrationPlan done = new RegistrationPlan(plan.registration(), plan.workspace(), plan.product(),
                plan.fromVersion(), plan.toVersion(), plan.changes(), plan.resets(), plan.missingConfigs(), true,
                plan.definition());
        Registration view = get(id);
        String summary = plan.fromVersion().equals(plan.toVersion())
                ? (plan.changes().isEmpty() ? "registration " + id + " synced to " + plan.product() + " " + plan.toVersion()
                : "registration " + id + " updated: " + plan.changes().stream().map(Object::toString).collect(Collectors.joining("; ")))
                : "registration " + id + " moved from " + plan.product() + " " + plan.fromVersion() + " to " + plan.toVersion()
                + (plan.resets().isEmpty() ? "" : "; caches reset: " + String.join("; ", plan.resets()));
        activity.record(new Activity(plan.changes().isEmpty() ? "registration.synced" : "registration.updated", actor,
                r.productId, r.workspace, id, summary, RecordJson.write(before), RecordJson.write(view)));
        return done;
    }

    @Override
    public List<Registration> list(String workspace) {
        Map<String, Map<String, String>> parts = new java.util.HashMap<>(); // each version's definition worked out once
        return store.inTransaction(em -> Registrations.list(em, workspace)).stream().map(r -> view(r,
                catalog.descriptor(r.productId, r.productVersion).orElse(null), parts)).collect(Collectors.toList());
    }

    @Override
    public Registration get(String id) {
        RegistrationEntity r = find(id);
        return view(r, catalog.descriptor(r.productId, r.productVersion).orElse(null));
    }

    @Override
    public RegistrationPage ofProduct(String product, RegistrationQuery query) {
        RegistrationQuery q = query == null ? RegistrationQuery.all() : query;
        int offset = q.offset() == null ? 0 : q.offset();
        int limit = q.limit() == null ? 100 : q.limit();
        List<Problem> problems = new ArrayList<>();
        if (offset < 0) {
            problems.add(new Problem("offset", offset + " is below 0"));
        }
        if (limit < 1 || limit > RegistrationQuery.MAX_LIMIT) {
            problems.add(new Problem("limit", limit + " is not between 1 and " + RegistrationQuery.MAX_LIMIT));
        }
        if (q.sync() != null && !List.of("in", "out").contains(q.sync())) {
            problems.add(new Problem("sync", "'" + q.sync() + "' is not in or out"));
        }
        if (q.health() != null && !List.of("ok", "failing", "paused", "waiting").contains(q.health())) {
            problems.add(new Problem("health", "'" + q.health() + "' is not ok, failing, paused or waiting"));
        }
        String[] feature = q.feature() == null ? null : q.feature().split("=", 2);
        if (feature != null && (feature.length != 2 || !ResolvedRegistration.STATES.contains(feature[1]))) {
            problems.add(new Problem("feature", "'" + q.feature() + "' is not <feature>=<state> with a state of "
                    + String.join(", ", ResolvedRegistration.STATES)));
        }
        String sort = q.sort() == null || q.sort().isBlank() ? "workspace" : q.sort().trim();
        java.util.Comparator<ProductRegistration> order = switch (sort.startsWith("-") ? sort.substring(1) : sort) {
            case "workspace" -> java.util.Comparator.comparing(ProductRegistration::workspace);
            case "version" -> java.util.Comparator.comparing((ProductRegistration p) -> Versions.parse(p.version()))
                    .thenComparing(ProductRegistration::workspace);
            case "last-run" -> java.util.Comparator.comparing(ProductRegistration::lastRunAt,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).thenComparing(ProductRegistration::workspace);
            case "failures" -> java.util.Comparator.comparingLong(ProductRegistration::failures24h)
                    .thenComparing(ProductRegistration::workspace);
            default -> {
                problems.add(new Problem("sort", "'" + sort + "' is not workspace, version, last-run or failures (- before it: descending)"));
                yield null;
            }
        };
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (sort.startsWith("-")) {
            order = order.reversed();
        }
        Instant dayAgo = Instant.now().minus(Duration.ofHours(24));
        record Data(List<RegistrationEntity> registrations, Map<String, dev.ferry.store.JobRunEntity> lastRuns,
                    Map<String, Long> failures) {
        }
        Data data = store.inTransaction(em -> new Data(Registrations.ofProduct(em, product),
                Registrations.lastRuns(em, product), Registrations.failuresSince(em, product, dayAgo)));
        if (data.registrations().isEmpty() && catalog.versions(product).isEmpty()) {
            throw new NotFoundException("product", product);
        }
        Map<String, Map<String, String>> syncs = new java.util.HashMap<>();
        List<ProductRegistration> rows = new ArrayList<>();
        for (RegistrationEntity r : data.registrations()) {
            if (q.version() != null && !q.version().equals(r.productVersion)
                    || q.workspace() != null && !r.workspace.startsWith(q.workspace())
                    || feature != null && !feature[1].equals(r.features.get(feature[0]))) {
                continue;
            }
            SyncState sync = syncStates.of(r, syncs);
            String state = runtime.state(r.id);
            String health = state.startsWith("paused") ? "paused" : state.startsWith("waiting") ? "waiting"
                    : "failing".equals(r.health) ? "failing" : "ok";
            if (health.equals("failing")) {
                state = "failing since " + r.failingSince + ": " + r.failingReason;
            }
            if (q.sync() != null && sync.inSync() != q.sync().equals("in") || q.health() != null && !q.health().equals(health)) {
                continue;
            }
            dev.ferry.store.JobRunEntity last = data.lastRuns().get(r.id);
            rows.add(new ProductRegistration(r.id, r.workspace, r.productVersion, sync.inSync(), sync.why(),
                    new java.util.TreeMap<>(r.features), health, state,
                    last == null ? null : last.status.toLowerCase(java.util.Locale.ROOT), last == null ? null : last.startedAt,
                    data.failures().getOrDefault(r.id, 0L)));
        }
        rows.sort(order);
        List<ProductRegistration> page = rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
        return new RegistrationPage(product, List.copyOf(page), rows.size(), offset, limit);
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
        return connectionTests.test(reg);
    }

    /** Config values as stored: those of secret configs encrypted. */
    private Map<String, String> seal(ProductDescriptor product, Map<String, String> values) {
        Map<String, String> sealed = new LinkedHashMap<>();
        values.forEach((k, v) -> sealed.put(k, product.config(k).map(ProductDescriptor.ConfigDef::effectiveSecret)
                .orElse(false) ? secrets.seal(v) : v));
        return sealed;
    }

    private static void markFailing(RegistrationEntity r, String reason, Instant at) {
        r.health = "failing";
        r.failures = 0;
        r.failingSince = at;
        r.failedAt = at;
        r.failingReason = RunLedger.truncate(reason, 2000);
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
        return view(r, product, new java.util.HashMap<>());
    }

    private Registration view(RegistrationEntity r, ProductDescriptor product, Map<String, Map<String, String>> parts) {
        Map<String, String> config = new LinkedHashMap<>();
        r.config.forEach((k, v) -> config.put(k, SecretBox.sealed(v) || product != null && product.config(k)
                .map(ProductDescriptor.ConfigDef::effectiveSecret).orElse(false) ? MASK : v));
        List<String> jobs = product == null ? List.of()
                : product.jobs().stream().map(ProductDescriptor.JobDef::id).collect(Collectors.toList());
        SyncState sync = syncStates.of(r, parts);
        RegistrationHealth health = "failing".equals(r.health) ? new RegistrationHealth("failing", r.failingSince,
                r.failingReason, r.failures == null ? 0 : r.failures) : RegistrationHealth.OK;
        String state = runtime.state(r.id);
        if (health.failing() && state.equals("running")) {
            state = "failing since " + r.failingSince + ": " + r.failingReason;
        }
        return new Registration(r.id, r.workspace, r.productId, r.productVersion, config, new LinkedHashMap<>(r.features),
                jobs, sync.inSync(), r.createdAt, r.lastSyncedAt, state, RegistrationResolver.overrides(r), sync, health);
    }

}
