package dev.ferry.engine.registration;

import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.engine.descriptor.Placeholders;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.ConnectionCheck;
import dev.ferry.platform.api.ExternalSystemException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tests a registration's connections to its external systems, all services at once, each given
 * {@link #TEST_TIMEOUT} to answer: on demand ({@code ferry:connection-test}), and before a registration is made or its
 * version or configs change, when a failure refuses it (or marks it failing, when the test is skipped).
 */
@Component(service = ConnectionTests.class)
public class ConnectionTests {

    /** How long a connection test may take. */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(15);

    private final java.util.concurrent.ExecutorService tests = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-connection-test");
        t.setDaemon(true);
        return t;
    });

    @Deactivate
    void deactivate() {
        tests.shutdownNow();
    }

    /**
     * Tests every service's connection, all at once, each given {@link #TEST_TIMEOUT} to answer (one still testing
     * then is interrupted).
     */
    public List<ConnectionCheck> test(ResolvedRegistration reg) {
        List<ResolvedService> services = List.copyOf(reg.services().values());
        List<java.util.concurrent.Callable<ConnectionCheck>> calls = services.stream()
                .<java.util.concurrent.Callable<ConnectionCheck>>map(svc -> () -> {
                    try {
                        ConnectionTest test = svc.connector().testConnection(svc.connection());
                        return new ConnectionCheck(svc.id(), svc.def().connector(), test.ok(), test.message());
                    } catch (RuntimeException e) {
                        return new ConnectionCheck(svc.id(), svc.def().connector(), false, "the connection test failed: " + e);
                    }
                }).toList();
        List<java.util.concurrent.Future<ConnectionCheck>> checks;
        try {
            checks = tests.invokeAll(calls, TEST_TIMEOUT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while testing the connections of " + reg.id());
        }
        List<ConnectionCheck> results = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            ResolvedService svc = services.get(i);
            java.util.concurrent.Future<ConnectionCheck> check = checks.get(i);
            if (check.isCancelled()) {
                results.add(new ConnectionCheck(svc.id(), svc.def().connector(), false,
                        "no answer within " + TEST_TIMEOUT.toSeconds() + " s"));
                continue;
            }
            try {
                results.add(check.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("interrupted while testing the connections of " + reg.id());
            } catch (java.util.concurrent.ExecutionException e) {
                results.add(new ConnectionCheck(svc.id(), svc.def().connector(), false, String.valueOf(e.getCause())));
            }
        }
        return results;
    }

    /**
     * Tests the connections of a registration about to be made or changed: a failure refuses it, naming the
     * integration configs the service's connection takes (those the user gave first), or, when {@code refuse} is
     * false, is returned as the reason it is failing.
     */
    public String testOrRefuse(ResolvedRegistration reg, java.util.Set<String> given, boolean refuse) {
        List<ConnectionCheck> failed = test(reg).stream().filter(c -> !c.ok()).toList();
        if (failed.isEmpty()) {
            return null;
        }
        if (!refuse) {
            return "connection test failed: " + failed.stream().map(c -> "service " + c.service() + ": " + c.message())
                    .collect(Collectors.joining("; "));
        }
        List<Problem> problems = new ArrayList<>();
        for (ConnectionCheck c : failed) {
            java.util.Set<String> configs = new java.util.TreeSet<>();
            reg.service(c.service()).def().connection().values().forEach(v -> configs.addAll(Placeholders.configNames(v)));
            List<String> named = configs.stream().filter(given::contains).toList();
            String field = configs.isEmpty() ? "service " + c.service() + " connection"
                    : "config " + String.join(", ", named.isEmpty() ? List.copyOf(configs) : named);
            problems.add(new Problem(field, "service " + c.service() + " (" + c.connector() + ") cannot work with it: "
                    + c.message() + " (--no-test registers anyway, marked failing)"));
        }
        throw new InvalidInputException(problems);
    }

    /**
     * Makes the folders of path configs that took their default under the platform's data folder (such as a
     * workspace's own inbox): Ferry owns those; a folder the user named must exist.
     */
    public static void makeDefaultFolders(ProductDescriptor product, String workspace, Map<String, String> config,
                                           Map<String, String> given) {
        String data = System.getProperty("karaf.data");
        for (ProductDescriptor.ConfigDef c : product.configs()) {
            String value = config.get(c.name());
            if (!"path".equals(c.type()) || given.containsKey(c.name()) || value == null || data == null
                    || !value.equals(Placeholders.fillDefault(c.defaultValue(), workspace))
                    || !java.nio.file.Path.of(value).normalize().startsWith(java.nio.file.Path.of(data).normalize())) {
                continue;
            }
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(value));
            } catch (java.io.IOException e) {
                throw new ExternalSystemException("folder " + value + " (config " + c.name() + ") cannot be made: " + e, e);
            }
        }
    }
}
