package dev.ferry.engine.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.Settings;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.Schedules;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.FerryException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.RegistrationUpdate;
import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutPreview;
import dev.ferry.platform.api.RolloutRequest;
import dev.ferry.platform.api.RolloutService;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Registrations;
import dev.ferry.store.RolloutEntity;
import dev.ferry.store.RolloutTargetEntity;
import dev.ferry.store.Rollouts;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Rollouts: a product version moved to many registrations in waves. The canary share moves first; during the watch
 * window its share of failed runs is compared with its share before the rollout, and a canary registration that turns
 * failing halts it at once; above the threshold the rollout halts and moves the canary back to what it was (version,
 * configs, feature states, overrides); otherwise the rest follow. One rollout of a product at a time; each runs on a
 * thread of its own, every step in its history and the activity log. Settings: configuration {@code dev.ferry.rollout}
 * ({@code canaryPercent}, {@code watch}, {@code maxFailureIncrease}).
 */
@Component(service = RolloutService.class, configurationPid = RolloutServiceImpl.PID)
public class RolloutServiceImpl implements RolloutService {

    public static final String PID = "dev.ferry.rollout";
    static final Set<String> UNDER_WAY = Set.of("running", "watching", "applying", "halted");
    private static final Logger LOG = LoggerFactory.getLogger(RolloutServiceImpl.class);
    private static final Duration POLL = Duration.ofSeconds(2);

    @Reference
    private Store store;
    @Reference
    private RegistrationService registrations;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private ActivityRecorder activity;
    @Reference
    private dev.ferry.engine.secret.SecretBox secrets;

    private final ExecutorService waves = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-rollout");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private int defaultCanary = 5;
    private Duration defaultWatch = Duration.ofMinutes(10);
    private double defaultMaxIncrease = 0.2;

    /** What a registration was before a rollout moved it. */
    record Before(String version, Map<String, String> config, Map<String, String> features, String overrides) {
    }

    private record Checked(String product, String version, List<String> registrations, int canaryPercent,
                           Duration watch, double maxIncrease, boolean reset) {
    }

    @Activate
    void activate(Map<String, Object> config) {
        defaultCanary = Settings.read(config, PID, "canaryPercent", defaultCanary, Integer::parseInt);
        defaultWatch = Settings.read(config, PID, "watch", defaultWatch, RolloutServiceImpl::duration);
        defaultMaxIncrease = Settings.read(config, PID, "maxFailureIncrease", defaultMaxIncrease, Double::parseDouble);
        List<Long> interrupted = store.inTransaction(em -> Rollouts.underWay(em, UNDER_WAY)).stream().map(r -> r.id).toList();
        interrupted.forEach(id -> {
            step(id, "interrupted", "interrupted: the platform stopped during the rollout; registrations already moved stay"
                    + " moved (see the targets); start a new rollout for the rest");
            LOG.warn("Rollout {} was interrupted by the last stop of the platform", id);
        });
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        waves.shutdownNow();
    }

    @Override
    public RolloutPreview preview(RolloutRequest request) {
        Checked c = check(request);
        List<RegistrationPlan> plans = new ArrayList<>();
        Map<String, String> blocked = plan(c, plans);
        return new RolloutPreview(c.product(), c.version(), plans,
                blocked.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    /** Each registration's plan (into {@code plans}); the registrations that cannot move, with why. */
    private Map<String, String> plan(Checked c, List<RegistrationPlan> plans) {
        Map<String, String> blocked = new LinkedHashMap<>();
        for (String id : c.registrations()) {
            try {
                RegistrationPlan plan = registrations.update(id, move(c.version(), c.reset()), true, "preview");
                plans.add(plan);
                if (!plan.missingConfigs().isEmpty()) {
                    blocked.put(id, "required configs without a value: " + String.join(", ", plan.missingConfigs()));
                }
            } catch (InvalidInputException e) {
                blocked.put(id, e.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
            } catch (FerryException e) {
                blocked.put(id, e.getMessage());
            }
        }
        return blocked;
    }

    @Override
    public synchronized Rollout start(RolloutRequest request, String actor) {
        Checked c = check(request);
        store.inTransaction(em -> Rollouts.underWay(em, UNDER_WAY)).stream()
                .filter(r -> r.productId.equals(c.product())).findFirst().ifPresent(r -> {
                    throw new ConflictException("rollout " + r.id + " of product " + c.product() + " is under way (" + r.state
                            + "); wait for it to end (ferry:rollout-show " + r.id + ")");
                });
        Map<String, String> blocked = plan(c, new ArrayList<>());
        if (!blocked.isEmpty()) {
            throw new InvalidInputException(blocked.entrySet().stream()
                    .map(e -> new Problem("registrations." + e.getKey(), e.getValue())).toList());
        }
        int canary = Math.max(1, (int) Math.ceil(c.registrations().size() * c.canaryPercent() / 100.0));
        Instant now = Instant.now();
        long id = store.inTransaction(em -> {
            RolloutEntity r = new RolloutEntity();
            r.productId = c.product();
            r.toVersion = c.version();
            r.state = "running";
            r.canaryPercent = c.canaryPercent();
            r.watchSeconds = c.watch().toSeconds();
            r.maxFailureIncrease = c.maxIncrease();
            r.resetAllowed = c.reset();
            r.createdAt = now;
            r.createdBy = actor;
            r.updatedAt = now;
            r.history = RecordJson.write(List.of(new Rollout.Step(now, "started by " + actor + ": " + c.registrations().size()
                    + " registration(s) to " + c.version() + ", canary " + canary + " (" + c.canaryPercent() + " %), watch "
                    + c.watch().toSeconds() + " s, halt when the canary's failed runs grow by more than "
                    + Math.round(c.maxIncrease() * 100) + " %")));
            em.persist(r);
            Map<String, RegistrationEntity> ofProduct = Registrations.ofProduct(em, c.product()).stream()
                    .collect(Collectors.toMap(x -> x.id, x -> x));
            for (int i = 0; i < c.registrations().size(); i++) {
                RegistrationEntity reg = ofProduct.get(c.registrations().get(i));
                RolloutTargetEntity t = new RolloutTargetEntity();
                t.rolloutId = r.id;
                t.registrationId = reg.id;
                t.wave = i < canary ? "canary" : "rest";
                t.fromVersion = reg.productVersion;
                t.beforeState = RecordJson.write(new Before(reg.productVersion, new LinkedHashMap<>(reg.config),
                        new LinkedHashMap<>(reg.features), reg.overrides));
                t.state = "pending";
                em.persist(t);
            }
            return r.id;
        });
        activity.record(new Activity("rollout.started", actor, c.product(), null, null, "rollout " + id + " of "
                + c.product() + " " + c.version() + " to " + c.registrations().size() + " registration(s) started", null,
                RecordJson.write(get(id))));
        LOG.info("Rollout {} of {} {} to {} registration(s) started by {}", id, c.product(), c.version(),
                c.registrations().size(), actor);
        waves.submit(() -> run(id));
        return get(id);
    }

    @Override
    public Rollout get(long id) {
        return store.inTransaction(em -> {
            RolloutEntity r = em.find(RolloutEntity.class, id);
            if (r == null) {
                throw new NotFoundException("rollout", String.valueOf(id));
            }
            return view(r, Rollouts.targets(em, id));
        });
    }

    @Override
    public List<Rollout> list(String product, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", limit + " is not between 1 and 1000");
        }
        return store.inTransaction(em -> Rollouts.latest(em, product, limit).stream()
                .map(r -> view(r, Rollouts.targets(em, r.id))).toList());
    }

    /** The waves, on the rollout's own thread. */
    private void run(long id) {
        Rollout rollout = get(id);
        RolloutEntity settings = store.inTransaction(em -> em.find(RolloutEntity.class, id));
        String actor = "rollout " + id;
        try {
            List<Rollout.Target> canary = rollout.targets().stream().filter(t -> t.wave().equals("canary")).toList();
            List<Rollout.Target> rest = rollout.targets().stream().filter(t -> t.wave().equals("rest")).toList();
            int failed = move(id, canary, rollout, settings.resetAllowed, actor);
            if (failed > 0) {
                halt(id, rollout, failed + " of the canary's " + canary.size() + " registration(s) could not be moved", actor);
                return;
            }
            Instant moved = Instant.now();
            step(id, rollout.state(), "canary moved to " + rollout.version() + ": " + ids(canary));
            Duration watch = Duration.ofSeconds(settings.watchSeconds);
            if (!watch.isZero()) {
                step(id, "watching", "watching the canary for " + watch.toSeconds() + " s");
                String reason = watch(canary, rollout, moved, watch);
                if (stopping) {
                    return;
                }
                if (reason != null) {
                    halt(id, rollout, reason, actor);
                    return;
                }
            }
            step(id, "applying", "moving the rest: " + rest.size() + " registration(s)");
            int restFailed = move(id, rest, rollout, settings.resetAllowed, actor);
            String done = "completed: " + (canary.size() + rest.size() - restFailed) + " registration(s) on "
                    + rollout.version() + (restFailed == 0 ? "" : ", " + restFailed + " could not be moved (see targets)");
            step(id, "completed", done);
            activity.record(new Activity("rollout.completed", actor, rollout.product(), null, null, "rollout " + id + " "
                    + done, null, null));
            LOG.info("Rollout {} of {} {} {}", id, rollout.product(), rollout.version(), done);
        } catch (RuntimeException e) {
            LOG.error("Rollout {} of {} {} failed", id, rollout.product(), rollout.version(), e);
            step(id, "failed", "failed: " + e.getMessage());
            activity.record(new Activity("rollout.failed", actor, rollout.product(), null, null, "rollout " + id + " failed: "
                    + e.getMessage(), null, null));
        }
    }

    /**
     * Watches the canary: the reason to halt (a canary registration failing, or its share of failed runs grown over
     * the threshold), or null when it ran as before.
     */
    private String watch(List<Rollout.Target> canary, Rollout rollout, Instant moved, Duration window) {
        Set<String> ids = canary.stream().map(Rollout.Target::registration).collect(Collectors.toSet());
        Instant end = moved.plus(window);
        while (Instant.now().isBefore(end) && !stopping) {
            List<Rollouts.Health> health = store.inTransaction(em -> Rollouts.health(em, ids));
            if (health.size() < ids.size()) {
                Set<String> there = health.stream().map(Rollouts.Health::registration).collect(Collectors.toSet());
                throw new NotFoundException("registration", ids.stream().filter(id -> !there.contains(id)).findFirst().orElseThrow());
            }
            for (Rollouts.Health h : health) {
                if ("failing".equals(h.health()) && h.failingSince() != null && !h.failingSince().isBefore(moved)) {
                    return "canary registration " + h.registration() + " is failing since " + h.failingSince() + ": "
                            + h.failingReason();
                }
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        long[] before = store.inTransaction(em -> Rollouts.runs(em, ids, rollout.createdAt().minus(Duration.ofHours(24)),
                rollout.createdAt()));
        long[] after = store.inTransaction(em -> Rollouts.runs(em, ids, moved, Instant.now()));
        double rateBefore = before[1] == 0 ? 0 : (double) before[0] / before[1];
        double rateAfter = after[1] == 0 ? 0 : (double) after[0] / after[1];
        String figures = "the canary's failed runs: " + after[0] + " of " + after[1] + " (" + percent(rateAfter)
                + ") against " + before[0] + " of " + before[1] + " (" + percent(rateBefore) + ") in the 24 h before";
        step(rollout.id(), "watching", "watched: " + figures);
        return rateAfter > rateBefore + rollout.maxFailureIncrease() ? figures + ", more than "
                + percent(rollout.maxFailureIncrease()) + " more" : null;
    }

    /** Halts the rollout and moves the canary registrations it moved back to what they were. */
    private void halt(long id, Rollout rollout, String reason, String actor) {
        step(id, "halted", "halted: " + reason + "; moving the canary back");
        activity.record(new Activity("rollout.halted", actor, rollout.product(), null, null, "rollout " + id + " halted: "
                + reason, null, null));
        LOG.warn("Rollout {} of {} {} halted: {}; moving the canary back", id, rollout.product(), rollout.version(), reason);
        List<String> back = new ArrayList<>();
        for (RolloutTargetEntity t : store.inTransaction(em -> Rollouts.targets(em, id))) {
            if (!t.state.equals("applied")) {
                continue;
            }
            try {
                registrations.update(t.registrationId, restore(t), false, actor);
                target(t.id, "rolled-back", "moved back to " + t.fromVersion);
                back.add(t.registrationId);
            } catch (FerryException e) {
                target(t.id, "failed", "could not be moved back: " + e.getMessage());
            }
        }
        String done = "rolled back: " + back.size() + " registration(s) on their earlier version again"
                + (back.isEmpty() ? "" : " (" + String.join(", ", back) + ")");
        step(id, "rolled-back", done);
        activity.record(new Activity("rollout.rolled-back", actor, rollout.product(), null, null, "rollout " + id + " "
                + done, null, null));
    }

    /** The update that gives a registration back what it had before the rollout. */
    private RegistrationUpdate restore(RolloutTargetEntity t) {
        Before before = RecordJson.read(t.beforeState, Before.class);
        Registration now = registrations.get(t.registrationId);
        Map<String, String> config = new LinkedHashMap<>();
        now.config().keySet().forEach(k -> config.put(k, null)); // what the new version added goes
        config.putAll(secrets.open(before.config()));
        RegistrationOverrides was = before.overrides() == null ? RegistrationOverrides.NONE
                : RecordJson.read(before.overrides(), RegistrationOverrides.class);
        Map<String, RegistrationOverrides.JobOverride> jobs = new LinkedHashMap<>();
        now.overrides().jobs().keySet().forEach(j -> jobs.put(j, RegistrationOverrides.JobOverride.NONE));
        jobs.putAll(was.jobs());
        Map<String, Boolean> onboarding = new LinkedHashMap<>();
        now.overrides().onboardingSchedules().forEach(f -> onboarding.put(f, false));
        was.onboardingSchedules().forEach(f -> onboarding.put(f, true));
        return new RegistrationUpdate(before.version(), config, before.features(), onboarding, jobs, was.paused(), true, false);
    }

    /** Moves a wave; how many could not be moved. */
    private int move(long id, List<Rollout.Target> wave, Rollout rollout, boolean reset, String actor) {
        int failed = 0;
        Map<String, Long> targetIds = store.inTransaction(em -> Rollouts.targets(em, id)).stream()
                .collect(Collectors.toMap(t -> t.registrationId, t -> t.id));
        for (Rollout.Target t : wave) {
            if (stopping) {
                throw new IllegalStateException("the platform is stopping");
            }
            try {
                registrations.update(t.registration(), move(rollout.version(), reset), false, actor);
                target(targetIds.get(t.registration()), "applied", null);
            } catch (FerryException e) {
                failed++;
                target(targetIds.get(t.registration()), "failed", e.getMessage());
                LOG.warn("Rollout {}: registration {} could not be moved to {}: {}", id, t.registration(), rollout.version(),
                        e.getMessage());
            }
        }
        return failed;
    }

    private static RegistrationUpdate move(String version, boolean reset) {
        return new RegistrationUpdate(version, null, null, null, null, null, reset, null);
    }

    private Checked check(RolloutRequest request) {
        if (request == null) {
            throw new InvalidInputException("(body)", "a JSON object with product and version is required");
        }
        List<Problem> problems = new ArrayList<>();
        String product = request.product() == null ? "" : request.product().trim();
        String version = request.version() == null ? "" : request.version().trim();
        if (product.isEmpty()) {
            problems.add(new Problem("product", "is required"));
        }
        if (version.isEmpty()) {
            problems.add(new Problem("version", "is required"));
        } else if (!product.isEmpty()) {
            ProductDescriptor d = catalog.loaded(product, version).map(ProductCatalog.LoadedProduct::descriptor).orElse(null);
            if (d == null) {
                List<String> versions = catalog.versions(product);
                problems.add(versions.isEmpty() ? new Problem("product", "no version of product '" + product + "' is installed")
                        : new Problem("version", "product " + product + " has no installed version " + version
                        + " (installed: " + String.join(", ", versions) + ")"));
            } else if (!d.lifecycle().equals("published")) {
                problems.add(new Problem("version", product + " " + version + " is " + d.lifecycle()
                        + ": a rollout moves registrations to a published version only"));
            }
        }
        int canary = request.canaryPercent() == null ? defaultCanary : request.canaryPercent();
        if (canary < 1 || canary > 100) {
            problems.add(new Problem("canaryPercent", canary + " is not between 1 and 100"));
        }
        Duration watch = defaultWatch;
        if (request.watch() != null) {
            try {
                watch = duration(request.watch());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("watch", e.getMessage()));
            }
        }
        double max = request.maxFailureIncrease() == null ? defaultMaxIncrease : request.maxFailureIncrease();
        if (max < 0 || max > 1) {
            problems.add(new Problem("maxFailureIncrease", max + " is not between 0 and 1"));
        }
        List<String> all = product.isEmpty() ? List.of() : store.inTransaction(em -> Registrations.idsOfProduct(em, product));
        List<String> selected;
        if (request.registrations() == null || request.registrations().isEmpty()) {
            selected = all;
        } else {
            Set<String> chosen = new TreeSet<>();
            for (String r : request.registrations()) {
                String id = r == null ? "" : r.trim();
                if (!all.contains(id)) {
                    problems.add(new Problem("registrations", "'" + id + "' is not a registration of product " + product));
                }
                chosen.add(id);
            }
            selected = List.copyOf(chosen);
        }
        if (problems.isEmpty() && selected.isEmpty()) {
            problems.add(new Problem("registrations", "product " + product + " has no registrations to move"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(product, version, selected, canary, watch, max, request.reset() != null && request.reset());
    }

    /** {@code 0} or an interval such as {@code 30s}, {@code 10m}. */
    static Duration duration(String text) {
        String t = text.trim();
        return t.equals("0") || t.equals("0s") ? Duration.ZERO : Schedules.interval(t);
    }

    private void step(long id, String state, String what) {
        store.run(em -> {
            RolloutEntity r = em.find(RolloutEntity.class, id);
            List<Rollout.Step> history = new ArrayList<>(steps(r.history));
            history.add(new Rollout.Step(Instant.now(), what));
            r.history = RecordJson.write(history);
            r.state = state;
            r.updatedAt = Instant.now();
        });
    }

    private void target(long id, String state, String message) {
        store.run(em -> {
            RolloutTargetEntity t = em.find(RolloutTargetEntity.class, id);
            t.state = state;
            t.message = message == null ? null : RunLedger.truncate(message, 2000);
            t.appliedAt = state.equals("applied") ? Instant.now() : t.appliedAt;
        });
    }



    private static List<Rollout.Step> steps(String history) {
        if (history == null) {
            return List.of();
        }
        try {
            return RecordJson.MAPPER.readValue(history, new TypeReference<List<Rollout.Step>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a rollout's history cannot be read: " + e.getMessage(), e);
        }
    }

    private static Rollout view(RolloutEntity r, List<RolloutTargetEntity> targets) {
        return new Rollout(r.id, r.productId, r.toVersion, r.state, r.canaryPercent, r.watchSeconds + "s",
                r.maxFailureIncrease, targets.stream().map(t -> new Rollout.Target(t.registrationId, t.wave, t.fromVersion,
                t.state, t.message, t.appliedAt)).toList(), steps(r.history), r.createdAt, r.createdBy, r.updatedAt);
    }

    private static String ids(List<Rollout.Target> targets) {
        return targets.stream().map(Rollout.Target::registration).collect(Collectors.joining(", "));
    }

    private static String percent(double rate) {
        return String.format("%.0f %%", rate * 100);
    }

}
