package dev.ferry.itests;

import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductService;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutService;
import dev.ferry.platform.api.RunIssue;
import dev.ferry.platform.api.RunQuery;
import dev.ferry.platform.api.RunService;
import dev.ferry.platform.api.RunStatus;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import javax.inject.Inject;
import javax.management.ObjectName;
import javax.security.auth.Subject;
import javax.sql.DataSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivilegedExceptionAction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

/**
 * Boots the built Ferry distribution once and checks, through its real services, shell and REST API, what an
 * admin would: the features are there, the demo product moves customers from CSV files into a table on its
 * schedule, bad input is refused, and the activity log tells what happened.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FerryDistributionIT {

    static final int HTTP_PORT = 8282;
    static final Duration SCHEDULE_WAIT = Duration.ofSeconds(90);
    static final String EXAMPLE_CONNECTOR = "ferry.itests.exampleConnector";

    @Inject
    @Filter(timeout = 180_000)
    FeaturesService features;
    @Inject
    @Filter(timeout = 180_000)
    SessionFactory sessions;
    @Inject
    @Filter(timeout = 180_000)
    RegistrationService registrations;
    @Inject
    @Filter(timeout = 180_000)
    RunService runs;
    @Inject
    @Filter(timeout = 180_000)
    ActivityService activity;
    @Inject
    @Filter(timeout = 180_000)
    ProductService products;
    @Inject
    @Filter(timeout = 180_000)
    RolloutService rollouts;
    @Inject
    BundleContext bundles;
    @Inject
    @Filter(value = "(osgi.jndi.service.name=ferryds)", timeout = 180_000)
    DataSource store;

    @Configuration
    public Option[] config() {
        MavenArtifactUrlReference distribution = maven().groupId("dev.ferry").artifactId("ferry-distribution")
                .type("tar.gz").version(System.getProperty("ferry.version"));
        return new Option[]{
                karafDistributionConfiguration().frameworkUrl(distribution).name("Ferry")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevelOption.LogLevel.INFO),
                // other ports than a running demo's
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(HTTP_PORT)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "8202"),
                editConfigurationFilePut("etc/users.properties", "auditor", "auditor,viewer"),
                editConfigurationFilePut("etc/users.properties", "guesser", "right-one,viewer"),
                editConfigurationFilePut("etc/users.properties", "runner", "runner,operator"),
                editConfigurationFilePut("etc/users.properties", "boss", "boss,manager"),
                // the tests' inboxes are temporary folders: a folder every workspace may use here
                editConfigurationFilePut("etc/dev.ferry.confinement.cfg", "folders", System.getProperty("java.io.tmpdir")),
                // where json-server, the HTTP API the http-json test reads, is installed
                systemProperty(JsonServerProcess.HOME_PROPERTY).value(new File("target/json-server").getAbsolutePath()),
                // the connector the archetype's own test generated and built, as a vendor would
                systemProperty(EXAMPLE_CONNECTOR).value(new File("../connectors/archetype/target/test-classes/projects/example/"
                        + "project/crm-connector/target/crm-connector-1.0.0.jar").getAbsolutePath()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "1199"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44499"),
                // Pax Exam's own bundles come from the local repository Maven filled for this module
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
        };
    }

    /**
     * Waits until Ferry is up the way an admin sees it: its commands exist and its REST API answers. The services
     * injected above come up before Karaf has started the shell and REST bundles of the boot features.
     */
    @Before
    public void ferryAnswers() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            String problem;
            try {
                shell("ferry:product-list");
                int health = status("GET", "/health", null); // no user: health is for scripts and load balancers
                problem = health == 200 ? null : "GET /health answers " + health;
            } catch (IOException e) {
                problem = "the REST API: " + e;
            } catch (Exception e) {
                problem = "ferry:product-list: " + e; // command not found until the shell bundle has started
            }
            if (problem == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("Ferry did not come up within 3 minutes: " + problem);
            }
            Thread.sleep(250);
        }
    }

    /** A vendor's bundle with a broken descriptor: listed as invalid with every error, in the shell and over REST. */
    @Test
    public void aProductBundleWithABrokenDescriptorIsListedInvalidWithItsErrors() throws Exception {
        String descriptor = """
                {"id": "broken-demo", "version": "1.0.0", "name": "Broken", "type": "standard", "lifecycle": "published",
                 "connectors": ["file"], "services": [], "flows": [],
                 "jobs": [{"id": "sync", "schedule": {"cron": "not a cron"}, "steps": []}]}
                """;
        Path jar = productJar("itest.broken-demo", descriptor);
        Bundle broken = bundles.installBundle(jar.toUri().toString());
        try {
            broken.start();
            String listed = shell("ferry:product-list");
            assertTrue(listed, listed.contains("broken-demo") && listed.contains("invalid"));
            assertTrue(listed, listed.contains("jobs[0].schedule.cron"));
            String json = http("GET", "/products", null, 200);
            assertTrue(json, json.contains("\"state\":\"invalid\"") && json.contains("jobs[0].schedule.cron"));
            assertNotNull(await(() -> activity.query(ActivityQuery.latest(500)).stream()
                    .filter(e -> e.action().equals("product.rejected") && "broken-demo".equals(e.product()))
                    .findFirst().orElse(null))); // the activity log is written a moment later
            assertTrue(json, json.contains("\"state\":\"loaded\"")); // the demo product beside it is untouched
        } finally {
            broken.uninstall();
            Files.deleteIfExists(jar);
        }
        assertFalse(shell("ferry:product-list").contains("broken-demo")); // gone with its bundle
    }

    @Test
    public void platformConnectorsAndDemoProductAreInstalled() throws Exception {
        for (String feature : List.of("ferry-platform", "ferry-connector-file", "ferry-connector-jdbc", "ferry-connector-http-json", "ferry-connector-amqp", "customer-sync-demo",
                "contacts-etl")) {
            assertTrue(feature + " is installed", features.isInstalled(features.getFeature(feature)));
        }
        String products = shell("ferry:product-list");
        assertTrue(products, products.contains("customer-sync-demo") && products.contains("contacts-etl")
                && products.contains("1.0.0"));
    }

    @Test
    public void demoMovesCustomerFilesIntoTheTableOnItsSchedule() throws Exception {
        Path inbox = Files.createTempDirectory("ferry-inbox");
        Path target = Files.createTempDirectory("ferry-target");
        String registration = "acme:customer-sync-demo";

        assertTrue(shell("ferry:workspace-create --description \"ACME Corp\" acme").contains("Workspace acme (standard) created"));
        String registered = shell("ferry:register customer-sync-demo acme --config inbox=" + inbox
                + " --config \"targetUrl=jdbc:derby:" + target + "/db;create=true\""); // ';' separates shell commands
        assertTrue(registered, registered.contains("as " + registration) && registered.contains("running"));

        drop(inbox, "customers-1.csv", customers(1, 1000, "Customer", null));
        JobRun first = awaitRun(registration, r -> r.actionsSucceeded() == 1000);
        assertEquals(RunStatus.SUCCEEDED, first.status());
        assertEquals("schedule", first.trigger());
        assertEquals(1000, first.rowsRead());
        assertEquals(1000, first.inserted());
        Map<Long, Map<String, Object>> rows = tableRows(registration);
        assertEquals(1000, rows.size());
        assertEquals("Customer 42", rows.get(42L).get("name"));

        // 200 known ids changed, 100 new ones, one malformed row: updates, not duplicates
        StringBuilder second = customers(801, 1100, "Renamed", null);
        second.append("oops,not-a-number-row,x@example.com,NL,2024-01-01\n");
        drop(inbox, "customers-2.csv", second);
        JobRun update = awaitRun(registration, r -> r.id() > first.id() && r.actionsSucceeded() == 300);
        assertEquals(RunStatus.PARTIAL, update.status());
        assertEquals(200, update.updated());
        assertEquals(100, update.inserted());
        assertEquals(1, update.rowsRejected());
        JobRun detailed = runs.get(update.id());
        assertEquals(1, detailed.issues().size());
        assertTrue(detailed.issues().get(0).location(), detailed.issues().get(0).location().contains("customers-2.csv line 302"));
        rows = tableRows(registration);
        assertEquals(1100, rows.size());
        assertEquals("Renamed 900", rows.get(900L).get("name"));
        assertEquals("Customer 800", rows.get(800L).get("name"));

        String connections = shell("ferry:connection-test " + registration);
        assertTrue(connections, connections.contains("is readable and writable") && connections.contains("connected to Apache Derby"));

        // a run by hand finds nothing new
        String manual = shell("ferry:job-run " + registration + " sync");
        assertTrue(manual, manual.contains("succeeded: 0 read"));

        String runList = shell("ferry:run-list --registration " + registration);
        assertTrue(runList, runList.contains("partial") && runList.contains("1,000"));
        assertTrue("fits 120 columns:\n" + runList, runList.lines().allMatch(l -> l.length() <= 120));
        String wide = shell("ferry:run-list --wide --registration " + registration);
        assertTrue(wide, wide.contains("Message") && wide.contains("Inserted") && wide.contains("partial"));

        List<String> actions = activity.query(new ActivityQuery(null, "acme", null, null, null, 100)).stream()
                .map(ActivityEntry::action).collect(Collectors.toList());
        assertTrue(actions.toString(), actions.containsAll(List.of("workspace.created", "registration.created", "job-run.finished")));
        ActivityEntry created = activity.query(new ActivityQuery(null, "acme", "itest", null, null, 100)).stream()
                .filter(e -> e.action().equals("registration.created")).findFirst().orElseThrow();
        assertTrue(created.after(), created.after().contains(inbox.toString()));
        String log = shell("ferry:activity --workspace acme");
        assertTrue(log, log.contains("registration.created") && log.contains("itest"));
        assertTrue("fits 120 columns:\n" + log, log.lines().allMatch(l -> l.length() <= 120));
        String listed = shell("ferry:registration-list --workspace acme");
        assertTrue(listed, listed.contains(registration) && listed.contains("in sync"));
        assertTrue("fits 120 columns:\n" + listed, listed.lines().allMatch(l -> l.length() <= 120));
        assertTrue(shell("ferry:registration-list --wide --workspace acme").contains("Config"));
        assertTrue(activity.query(ActivityQuery.latest(500)).stream().anyMatch(e -> e.action().equals("product.installed")
                && "customer-sync-demo".equals(e.product())));

        // metrics, as a Prometheus scraper signed in as a viewer gets them: the counters add up the run history
        List<JobRun> history = runs.list(new RunQuery(registration, null, null, 100));
        long read = history.stream().mapToLong(JobRun::rowsRead).sum();
        long succeeded = history.stream().mapToLong(JobRun::actionsSucceeded).sum();
        HttpURLConnection scrape = connect("GET", "/metrics", "auditor:auditor");
        scrape.setRequestProperty("Accept", "text/plain");
        assertEquals(200, scrape.getResponseCode());
        assertTrue(scrape.getContentType(), scrape.getContentType().startsWith("text/plain")
                && scrape.getContentType().contains("version=0.0.4"));
        String metrics = new String(scrape.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String labels = "registration=\"" + registration + "\",workspace=\"acme\"";
        assertTrue(metrics, metrics.contains("# TYPE ferry_runs_total counter")
                && metrics.contains("ferry_rows_read_total{" + labels + "} " + read + "\n")
                && metrics.contains("ferry_actions_succeeded_total{" + labels + "} " + succeeded + "\n")
                && metrics.contains("ferry_run_duration_seconds_count{" + labels + "} ")
                && metrics.contains("ferry_run_duration_seconds_bucket{le=\"+Inf\"," + labels + "} ")
                && metrics.contains("ferry_registrations{health=\"ok\",runtime=\"running\"} "));
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{([a-z_]+=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?[0-9.E+-]+");
        metrics.lines().forEach(l -> assertTrue("a line in Prometheus' text format: " + l, line.matcher(l).matches()));
        assertEquals(401, status("GET", "/metrics", null));
        String printed = shell("ferry:metrics " + registration);
        assertTrue(printed, printed.contains("ferry_rows_read_total{" + labels + "} " + read) && !printed.contains("# HELP"));
    }

    /**
     * The sample product contacts-etl: its flow's stages keep the contacts of the configured country and map them
     * (a field renamed, an email lower-cased and an amount in cents by jq, a config as a column); a contact whose
     * amount is missing cannot be mapped and is reported with its key and the stage, the others move.
     */
    @Test
    public void contactsEtlMovesExactlyTheFilteredAndMappedContacts() throws Exception {
        Path inbox = Files.createTempDirectory("ferry-contacts");
        Path target = Files.createTempDirectory("ferry-contacts-target");
        String registration = "crm:contacts-etl";
        assertTrue(shell("ferry:workspace-create crm").contains("Workspace crm (standard) created"));
        String registered = shell("ferry:register contacts-etl crm --config inbox=" + inbox + " --config sourceTag=crm-export"
                + " --config \"targetUrl=jdbc:derby:" + target + "/db;create=true\"");
        assertTrue(registered, registered.contains("as " + registration) && registered.contains("running"));

        drop(inbox, "contacts-1.csv", """
                id,fullName,email,country,amount
                1,Ada Lovelace,Ada@Example.COM,NL,19.99
                2,Bert Bakker,bert@example.com,DE,5.00
                3,Carla Smit,CARLA@EXAMPLE.NL,NL,0.10
                4,Dirk Jansen,dirk@example.nl,NL,
                5,Eva Schmidt,eva@example.de,DE,7.50
                6,Femke de Vries,Femke@Example.nl,NL,1250
                """);
        JobRun run = awaitRun(registration, r -> r.actionsSucceeded() == 3);
        assertEquals(6, run.rowsRead());
        assertEquals(1, run.rowsRejected());
        assertEquals(RunStatus.PARTIAL, run.status());
        RunIssue issue = runs.get(run.id()).issues().get(0);
        assertEquals("record 4", issue.location());
        assertTrue(issue.reason(), issue.reason().startsWith("flows[0].stages[1].map.AMOUNT_CENTS: "));

        Map<Long, Map<String, Object>> rows = rowsByKey(registration, "contacts-writer", "ID");
        assertEquals("only the Dutch contacts that could be mapped", Set.of(1L, 3L, 6L), rows.keySet());
        assertEquals("Ada Lovelace", rows.get(1L).get("NAME"));
        assertEquals("ada@example.com", rows.get(1L).get("EMAIL"));
        assertEquals(1999L, ((Number) rows.get(1L).get("AMOUNT_CENTS")).longValue());
        assertEquals(10L, ((Number) rows.get(3L).get("AMOUNT_CENTS")).longValue());
        assertEquals(125000L, ((Number) rows.get(6L).get("AMOUNT_CENTS")).longValue());
        assertEquals("crm-export", rows.get(6L).get("SOURCE"));
    }

    /**
     * The second sample, order-fulfilment, in two shops: its shared flow (order-lines, a bundle of its own) leaves out
     * lines without items and prices the rest; its lookup adds each order's account (an order of an unknown account is
     * reported); its flow template is edited in one shop only (no gift items there); its close-out flow, in the
     * confirmations feature, confirms each order written in the outbox.
     */
    @Test
    public void orderFulfilmentPricesEnrichesConfirmsAndRunsEachShopsCopyOfItsTemplate() throws Exception {
        Product sample = products.get("order-fulfilment", null);
        assertEquals(List.of("orders-to-table (shared flow order-lines 1.0.0)", "confirm-orders"), sample.flows());
        assertEquals(List.of("orders", "confirmations"), sample.features());
        String[] shops = {"shop-a", "shop-b"};
        Map<String, Path> inboxes = new java.util.HashMap<>();
        Map<String, Path> outboxes = new java.util.HashMap<>();
        for (String shop : shops) {
            inboxes.put(shop, Files.createTempDirectory("ferry-" + shop + "-inbox"));
            outboxes.put(shop, Files.createTempDirectory("ferry-" + shop + "-outbox"));
            shell("ferry:workspace-create " + shop);
            String registered = shell("ferry:register order-fulfilment " + shop + " --config inbox=" + inboxes.get(shop)
                    + " --config outbox=" + outboxes.get(shop) + " --config \"targetUrl=jdbc:derby:"
                    + Files.createTempDirectory("ferry-" + shop + "-target") + "/db;create=true\"");
            assertTrue(registered, registered.contains("running"));
        }
        Path noGifts = Files.createTempFile("no-gifts", ".json");
        Files.writeString(noGifts, """
                [{"filter": {"simple": "${header.sku} != 'GIFT'"}},
                 {"lookup": {"service": "accounts-reader", "key": "accountNo", "fields": {"ACCOUNT_NAME": "name", "TIER": "tier"}}},
                 {"map": {"ORDER_NO": "orderNo", "ACCOUNT_NO": "accountNo", "SKU": "sku", "QUANTITY": "quantity",
                          "TOTAL_CENTS": "totalCents", "EMAIL": "email"}}]""");
        String edited = shell("ferry:flow-edit shop-b order-fulfilment orders-to-table " + noGifts);
        assertTrue(edited, edited.contains("stages[0]: changed from"));

        for (String shop : shops) {
            drop(inboxes.get(shop), "accounts-1.csv", """
                    accountNo,name,tier,country
                    A-1,Acme,gold,NL
                    A-2,Bakery,,BE
                    """);
            drop(inboxes.get(shop), "orders-1.csv", """
                    orderNo,accountNo,sku,quantity,unitPrice,email
                    o-1,A-1,SKU-1,2,9.95,Ada@Example.com
                    o-2,A-2,GIFT,1,0.50,bert@example.com
                    o-3,A-9,SKU-2,1,5,nobody@example.com
                    o-4,A-1,SKU-3,0,3.00,ada@example.com
                    """);
        }
        JobRun a = awaitRun("shop-a:order-fulfilment", r -> r.actionsSucceeded() == 4); // 2 orders, 2 confirmations
        assertEquals("the order of an unknown account", 1, a.rowsRejected());
        assertEquals("record o-3", runs.get(a.id()).issues().get(0).location());
        awaitRun("shop-b:order-fulfilment", r -> r.actionsSucceeded() == 2);

        Map<String, Map<String, Object>> ordersA = registrations.peek("shop-a:order-fulfilment", "orders-writer", 100)
                .stream().collect(Collectors.toMap(r -> (String) r.get("ORDER_NO"), r -> r));
        assertEquals("quantity 0 left out by the shared flow", Set.of("o-1", "o-2"), ordersA.keySet());
        assertEquals(1990L, ((Number) ordersA.get("o-1").get("TOTAL_CENTS")).longValue());
        assertEquals("ada@example.com", ordersA.get("o-1").get("EMAIL"));
        assertEquals("Acme", ordersA.get("o-1").get("ACCOUNT_NAME"));
        assertEquals("gold", ordersA.get("o-1").get("TIER"));
        assertEquals("Bakery", ordersA.get("o-2").get("ACCOUNT_NAME"));
        assertEquals("shop-b's copy leaves gifts out", Set.of("o-1"), registrations.peek("shop-b:order-fulfilment",
                "orders-writer", 100).stream().map(r -> r.get("ORDER_NO")).collect(Collectors.toSet()));

        String confirmedA = Files.readString(outboxes.get("shop-a").resolve("confirmations.csv"));
        assertTrue(confirmedA, confirmedA.contains("o-1,Acme,1990,accepted") && confirmedA.contains("o-2,Bakery,50,accepted"));
        String confirmedB = Files.readString(outboxes.get("shop-b").resolve("confirmations.csv"));
        assertTrue(confirmedB, confirmedB.contains("o-1,Acme,1990,accepted") && !confirmedB.contains("o-2"));
        for (String shop : shops) {
            registrations.remove(shop + ":order-fulfilment", "itest");
        }
        Files.deleteIfExists(noGifts);
    }

    /**
     * A product whose flow hands each contact to a Camel processor that another bundle offers as an OSGi service
     * (here the test's own): what it returns is upserted, what it leaves out is not, what it fails on is reported with
     * its key; while no processor of that name is registered the run fails and names it, and nothing is lost.
     */
    @Test
    public void aProcessorStageCallsTheProcessorABundleOffersByName() throws Exception {
        String descriptor = new String(contactsDescriptor(), StandardCharsets.UTF_8)
                .replace("\"id\": \"contacts-etl\"", "\"id\": \"contacts-processed\"")
                .replaceAll("(?s)\"stages\": \\[.*?\\],\\s*\"to\"",
                        "\"stages\": [{\"processor\": \"itest.contacts\"}], \"to\"");
        assertTrue(descriptor, descriptor.contains("itest.contacts"));
        org.apache.camel.Processor upperCase = exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> contact = exchange.getIn().getBody(Map.class);
            if (!"NL".equals(contact.get("country"))) {
                exchange.getIn().setBody(null);
                return;
            }
            if (contact.get("amount") == null) {
                throw new IllegalArgumentException("contact " + exchange.getIn().getHeader("FerryRecordKey") + " has no amount");
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("ID", contact.get("id"));
            row.put("NAME", String.valueOf(contact.get("fullName")).toUpperCase(java.util.Locale.ROOT));
            row.put("EMAIL", contact.get("email"));
            row.put("AMOUNT_CENTS", ((java.math.BigDecimal) contact.get("amount")).movePointRight(2).longValueExact());
            row.put("SOURCE", exchange.getProperty("sourceTag") + "/" + exchange.getIn().getHeader("FerryChange"));
            exchange.getIn().setBody(row);
        };
        Path jar = productJar("itest.contacts-processed", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        org.osgi.framework.ServiceRegistration<org.apache.camel.Processor> offered = null;
        try {
            product.start();
            Path inbox = Files.createTempDirectory("ferry-processed");
            String registration = registerInboxToDerby("contacts-processed", "proc", inbox);

            // no processor of that name yet: the run fails and says which, and the file is not taken as read
            drop(inbox, "contacts-1.csv", """
                    id,fullName,email,country,amount
                    1,Ada Lovelace,ada@example.com,NL,19.99
                    2,Bert Bakker,bert@example.com,DE,5.00
                    3,Dirk Jansen,dirk@example.nl,NL,
                    """);
            JobRun failed = awaitRun(registration, r -> r.status() == RunStatus.FAILED);
            assertTrue(failed.message(), failed.message().contains("processor 'itest.contacts' is not available"));

            offered = bundles.registerService(org.apache.camel.Processor.class, upperCase,
                    new java.util.Hashtable<>(Map.of("ferry.processor", "itest.contacts")));
            JobRun run = awaitRun(registration, r -> r.actionsSucceeded() == 1);
            assertEquals(1, run.rowsRejected());
            RunIssue issue = runs.get(run.id()).issues().get(0);
            assertEquals("record 3", issue.location());
            assertEquals("flows[0].stages[0].processor: contact 3 has no amount", issue.reason());
            Map<Long, Map<String, Object>> rows = rowsByKey(registration, "contacts-writer", "ID");
            assertEquals("the Dutch contact the processor returned", Set.of(1L), rows.keySet());
            assertEquals("ADA LOVELACE", rows.get(1L).get("NAME"));
            assertEquals(1999L, ((Number) rows.get(1L).get("AMOUNT_CENTS")).longValue());
            assertEquals("csv/inserted", rows.get(1L).get("SOURCE"));
            registrations.remove(registration, "itest");
        } finally {
            if (offered != null) {
                offered.unregister();
            }
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * A flow that looks each contact's account up in the cache of the accounts the same job read first: the account's
     * fields reach the target, a contact whose account is unknown is reported with its key, and an account that
     * changes is found with its new values.
     */
    @Test
    public void aLookupStageEnrichesRecordsFromAnotherServicesCache() throws Exception {
        String descriptor = """
                {"id": "contacts-accounts", "version": "1.0.0", "name": "Contacts with their accounts", "type": "standard",
                 "lifecycle": "published", "connectors": ["file", "jdbc"],
                 "configs": [{"name": "inbox", "type": "path", "required": true},
                             {"name": "targetUrl", "type": "uri", "required": true}],
                 "services": [
                   {"id": "accounts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "accounts", "fields": [{"name": "number", "type": "integer", "required": true},
                               {"name": "name", "type": "string"}, {"name": "tier", "type": "string"}],
                               "primaryKey": ["number"], "options": {"pattern": "accounts*.csv"}}},
                   {"id": "contacts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "fullName", "type": "string"}, {"name": "accountNo", "type": "string"}],
                               "primaryKey": ["id"], "options": {"pattern": "contacts*.csv"}}},
                   {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "NAME", "type": "string"}, {"name": "ACCOUNT_NAME", "type": "string"},
                               {"name": "TIER", "type": "string"}],
                               "primaryKey": ["ID"], "options": {"table": "CONTACTS", "createTable": "true"}}}],
                 "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader", "events": ["inserted", "updated"]},
                            "stages": [{"lookup": {"service": "accounts-reader", "key": "accountNo",
                                                   "fields": {"ACCOUNT_NAME": "name", "TIER": "tier"}}},
                                       {"map": {"ID": "id", "NAME": "fullName"}}],
                            "to": {"service": "contacts-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"},
                           "steps": ["accounts-reader", "contacts-reader", "contacts-writer"]}]}
                """;
        Path jar = productJar("itest.contacts-accounts", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        try {
            product.start();
            Path inbox = Files.createTempDirectory("ferry-accounts");
            String registration = registerInboxToDerby("contacts-accounts", "acct", inbox);

            drop(inbox, "accounts-1.csv", """
                    number,name,tier
                    42,Acme,gold
                    7,Bakery,
                    """);
            drop(inbox, "contacts-1.csv", """
                    id,fullName,accountNo
                    1,Ada Lovelace,42
                    2,Bert Bakker,7
                    3,Carla Smit,99
                    """);
            JobRun run = awaitRun(registration, r -> r.actionsSucceeded() == 2);
            assertEquals(1, run.rowsRejected());
            RunIssue issue = runs.get(run.id()).issues().get(0);
            assertEquals("record 3", issue.location());
            assertEquals("flows[0].stages[0].lookup: key 99 is not in the cache of service 'accounts-reader'", issue.reason());
            Map<Long, Map<String, Object>> rows = rowsByKey(registration, "contacts-writer", "ID");
            assertEquals(Set.of(1L, 2L), rows.keySet());
            assertEquals("Acme", rows.get(1L).get("ACCOUNT_NAME"));
            assertEquals("gold", rows.get(1L).get("TIER"));
            assertEquals("Bakery", rows.get(2L).get("ACCOUNT_NAME"));
            assertEquals(null, rows.get(2L).get("TIER"));

            // the account changes; a new contact of it finds the new values
            drop(inbox, "accounts-2.csv", """
                    number,name,tier
                    42,Acme Corporation,platinum
                    """);
            drop(inbox, "contacts-2.csv", """
                    id,fullName,accountNo
                    4,Dirk Jansen,42
                    """);
            awaitRun(registration, r -> r.id() > run.id() && r.actionsSucceeded() == 1);
            Map<String, Object> dirk = rowsByKey(registration, "contacts-writer", "ID").get(4L);
            assertEquals("Acme Corporation", dirk.get("ACCOUNT_NAME"));
            assertEquals("platinum", dirk.get("TIER"));
            registrations.remove(registration, "itest");
        } finally {
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * Flows on every trigger: cache events with a filter for updates, a close-out of the orders' upserts that writes a
     * receipt for the large ones (over its flow config, fed by an integration config of another name), a flow on demand (a job without a schedule, started by hand) that looks each order's
     * receipt up with {@code get}, and a close-out of those gets that writes what each found or why not.
     */
    @Test
    public void closeOutsAndFlowsOnDemandDoWhatTheyDeclare() throws Exception {
        String descriptor = """
                {"format": 2, "id": "orders-receipts", "version": "1.0.0", "name": "Orders with receipts",
                 "connectors": ["file", "jdbc"],
                 "configs": [{"name": "inbox", "type": "path"}, {"name": "targetUrl", "type": "uri"},
                             {"name": "receiptMinimum", "type": "integer", "defaultValue": "100"}],
                 "services": [
                   {"id": "orders-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "orders", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "customer", "type": "string"}, {"name": "total", "type": "integer"}],
                               "primaryKey": ["id"], "options": {"pattern": "orders*.csv"}}},
                   {"id": "orders-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "orders", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "CUSTOMER", "type": "string"}, {"name": "TOTAL", "type": "integer"}],
                               "primaryKey": ["ID"], "options": {"table": "ORDERS", "createTable": "true"}}},
                   {"id": "receipts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "receipts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "STATUS", "type": "string"}, {"name": "TOTAL", "type": "integer"}],
                               "primaryKey": ["ID"], "options": {"table": "RECEIPTS", "createTable": "true"}}},
                   {"id": "receipts-checker", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "receipts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "STATUS", "type": "string"}, {"name": "TOTAL", "type": "integer"}],
                               "primaryKey": ["ID"], "options": {"table": "RECEIPTS", "createTable": "true"}}},
                   {"id": "checks-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "checks", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "OUTCOME", "type": "string"}, {"name": "CODE", "type": "string"},
                               {"name": "STATUS", "type": "string"}],
                               "primaryKey": ["ID"], "options": {"table": "CHECKS", "createTable": "true"}}}],
                 "flows": [
                   {"id": "orders-to-table",
                    "from": {"service": "orders-reader", "events": ["inserted", "updated"],
                             "when": {"updated": {"simple": "${header.total} > 0"}}},
                    "stages": [{"map": {"ID": "id", "CUSTOMER": "customer", "TOTAL": "total"}}],
                    "to": {"service": "orders-writer", "operation": "upsert"}},
                   {"id": "receipts", "from": {"flow": "orders-to-table", "outcomes": ["succeeded"]},
                    "configs": [{"name": "minimum", "type": "integer"}], "configMapping": {"minimum": "receiptMinimum"},
                    "stages": [{"filter": {"simple": "${header.TOTAL} > ${exchangeProperty.minimum}"}},
                               {"map": {"STATUS": {"simple": "${header._outcome}"}}}],
                    "to": {"service": "receipts-writer", "operation": "upsert"}},
                   {"id": "check", "from": {"service": "orders-reader", "demand": true},
                    "stages": [{"map": {"ID": "id"}}],
                    "to": {"service": "receipts-checker", "operation": "get"}},
                   {"id": "check-results", "from": {"flow": "check", "outcomes": ["succeeded", "failed"]},
                    "stages": [{"map": {"OUTCOME": "_outcome", "CODE": "_code"}}],
                    "to": {"service": "checks-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"},
                           "steps": ["orders-reader", "orders-writer", "receipts-writer"]},
                          {"id": "check", "steps": ["check", "receipts-checker", "checks-writer"]}]}
                """;
        Path jar = productJar("itest.orders-receipts", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        try {
            product.start();
            Path inbox = Files.createTempDirectory("ferry-receipts");
            String registration = registerInboxToDerby("orders-receipts", "receipts", inbox);
            drop(inbox, "orders-1.csv", """
                    id,customer,total
                    1,Ada,250
                    2,Bert,80
                    3,Carla,120
                    """);
            JobRun synced = awaitRun(registration, r -> r.actionsSucceeded() == 5); // 3 orders, 2 receipts
            assertEquals(0, synced.actionsFailed());
            Map<Long, Map<String, Object>> receipts = rowsByKey(registration, "receipts-writer", "ID");
            assertEquals("a receipt for each order over 100 once it was written", Set.of(1L, 3L), receipts.keySet());
            assertEquals("succeeded", receipts.get(1L).get("STATUS"));
            assertEquals(250L, ((Number) receipts.get(1L).get("TOTAL")).longValue());

            // the job without a schedule runs when started: every cached order, its receipt looked up
            JobRun check = runs.start(registration, "check", "itest");
            JobRun checked = await(() -> {
                JobRun r = runs.get(check.id());
                return r.status() == RunStatus.RUNNING ? null : r;
            });
            assertEquals(checked.message(), 3 + 2, checked.actionsSucceeded()); // 2 gets found, 3 results written
            assertEquals("the get of order 2 found no receipt", 1, checked.actionsFailed());
            Map<Long, Map<String, Object>> checks = rowsByKey(registration, "checks-writer", "ID");
            assertEquals(Set.of(1L, 2L, 3L), checks.keySet());
            assertEquals("succeeded", checks.get(1L).get("OUTCOME"));
            assertEquals("the receipt's status, from the get's result", "succeeded", checks.get(1L).get("STATUS"));
            assertEquals("failed", checks.get(2L).get("OUTCOME"));
            assertEquals("not_found", checks.get(2L).get("CODE"));
            assertEquals(null, checks.get(2L).get("STATUS"));

            // updates pass only when their total is above 0
            drop(inbox, "orders-2.csv", """
                    id,customer,total
                    1,Ada,300
                    2,Bert,0
                    """);
            awaitRun(registration, r -> r.id() > checked.id() && r.actionsSucceeded() == 2); // order 1 and its receipt
            Map<Long, Map<String, Object>> orders = rowsByKey(registration, "orders-writer", "ID");
            assertEquals(300L, ((Number) orders.get(1L).get("TOTAL")).longValue());
            assertEquals("the update to 0 was filtered out", 80L, ((Number) orders.get(2L).get("TOTAL")).longValue());
            assertEquals(300L, ((Number) rowsByKey(registration, "receipts-writer", "ID").get(1L).get("TOTAL")).longValue());
            registrations.remove(registration, "itest");
        } finally {
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * A shared flow in a bundle of its own, used by a product's flow by version range: the product installed first is
     * listed invalid until the shared flow comes, then loads with its stages, which move the data with the configs
     * the product maps to them.
     */
    @Test
    public void aProductUsesASharedFlowFromAnotherBundleWhicheverStartsFirst() throws Exception {
        String flow = """
                {"format": 2, "id": "itest-cleanup", "version": "1.1.0", "name": "Contact clean-up",
                 "configs": [{"name": "country", "type": "string"}],
                 "stages": [{"filter": {"simple": "${header.country} == ${exchangeProperty.country}"}},
                            {"map": {"email": {"jq": ".email | ascii_downcase"}}}]}
                """;
        String descriptor = """
                {"format": 2, "id": "shared-contacts", "version": "1.0.0", "name": "Contacts through a shared flow",
                 "connectors": ["file", "jdbc"],
                 "configs": [{"name": "inbox", "type": "path"}, {"name": "targetUrl", "type": "uri"},
                             {"name": "homeCountry", "type": "string", "defaultValue": "BE"}],
                 "services": [
                   {"id": "contacts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "email", "type": "string"}, {"name": "country", "type": "string"}],
                               "primaryKey": ["id"], "options": {"pattern": "contacts*.csv"}}},
                   {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "EMAIL", "type": "string"}],
                               "primaryKey": ["ID"], "options": {"table": "CONTACTS", "createTable": "true"}}}],
                 "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader"},
                            "shared": {"id": "itest-cleanup", "version": "[1.0.0,2.0.0)"},
                            "configMapping": {"country": "homeCountry"},
                            "stages": [{"map": {"ID": "id", "EMAIL": "email"}}],
                            "to": {"service": "contacts-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"}, "steps": ["contacts-reader", "contacts-writer"]}]}
                """;
        Path productJar = productJar("itest.shared-contacts", descriptor);
        Path flowJar = sharedFlowJar("itest.cleanup", flow);
        Bundle product = bundles.installBundle(productJar.toUri().toString());
        Bundle shared = null;
        try {
            product.start();
            Product waiting = products.list().stream().filter(p -> p.id().equals("shared-contacts")).findFirst().orElseThrow();
            assertEquals("invalid", waiting.state());
            assertTrue(waiting.errors().toString(), waiting.errors().get(0).contains(
                    "flows[0].shared: no version of shared flow 'itest-cleanup' in [1.0.0,2.0.0) is installed"));

            shared = bundles.installBundle(flowJar.toUri().toString());
            shared.start();
            Product loaded = await(() -> products.list().stream()
                    .filter(p -> p.id().equals("shared-contacts") && p.state().equals("loaded")).findFirst().orElse(null));
            assertEquals(List.of("contacts-to-table (shared flow itest-cleanup 1.1.0)"), loaded.flows());
            assertTrue(shell("ferry:shared-flow-list").contains("itest-cleanup"));
            assertTrue(http("GET", "/shared-flows", null, 200).contains("\"id\":\"itest-cleanup\""));
            assertTrue(http("GET", "/schemas/shared-flow", null, 200).contains("\"$ref\":\"#/$defs/sharedFlow\""));

            Path inbox = Files.createTempDirectory("ferry-shared");
            String registration = registerInboxToDerby("shared-contacts", "shared", inbox);
            drop(inbox, "contacts-1.csv", """
                    id,email,country
                    1,Ada@Example.COM,BE
                    2,bert@example.com,NL
                    3,CARLA@example.com,BE
                    """);
            awaitRun(registration, r -> r.actionsSucceeded() == 2);
            Map<Long, Map<String, Object>> rows = rowsByKey(registration, "contacts-writer", "ID");
            assertEquals("the shared flow's filter, with the product's homeCountry", Set.of(1L, 3L), rows.keySet());
            assertEquals("ada@example.com", rows.get(1L).get("EMAIL"));
            registrations.remove(registration, "itest");
        } finally {
            product.uninstall();
            if (shared != null) {
                shared.uninstall();
            }
            Files.deleteIfExists(productJar);
            Files.deleteIfExists(flowJar);
        }
    }

    /**
     * A flow template is copied into each workspace the product is registered in; an edit in one workspace (checked
     * first: a bad one changes nothing) changes what moves there and nowhere else, is shown as a difference from the
     * template, and is kept when the registration is removed and made again.
     */
    @Test
    public void aFlowTemplateEditedInOneWorkspaceChangesThatWorkspaceOnly() throws Exception {
        String descriptor = """
                {"format": 2, "id": "templated-contacts", "version": "1.0.0", "name": "Contacts with a flow template",
                 "connectors": ["file", "jdbc"],
                 "configs": [{"name": "inbox", "type": "path"}, {"name": "targetUrl", "type": "uri"}],
                 "services": [
                   {"id": "contacts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "email", "type": "string"}, {"name": "country", "type": "string"}],
                               "primaryKey": ["id"], "options": {"pattern": "contacts*.csv"}}},
                   {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "EMAIL", "type": "string"}],
                               "primaryKey": ["ID"], "options": {"table": "CONTACTS", "createTable": "true"}}}],
                 "flows": [{"id": "contacts-to-table", "template": true, "from": {"service": "contacts-reader"},
                            "stages": [{"map": {"ID": "id", "EMAIL": "email"}}],
                            "to": {"service": "contacts-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"}, "steps": ["contacts-reader", "contacts-writer"]}]}
                """;
        Path jar = productJar("itest.templated-contacts", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        try {
            product.start();
            Path inboxA = Files.createTempDirectory("ferry-tmpl-a");
            Path inboxB = Files.createTempDirectory("ferry-tmpl-b");
            String a = registerInboxToDerby("templated-contacts", "tmpl-a", inboxA);
            String b = registerInboxToDerby("templated-contacts", "tmpl-b", inboxB);
            String copy = "/workspaces/tmpl-a/flows/templated-contacts/contacts-to-table";
            String listed = http("GET", "/workspaces/tmpl-a/flows", null, 200);
            assertTrue(listed, listed.contains("\"edited\":false"));

            String refused = http("PUT", copy, """
                    {"stages": [{"map": {"ID": "nope"}}, {"filter": {"jq": ".country == "}}]}""", 400);
            assertTrue(refused, refused.contains("stages[0].map.ID.field") && refused.contains("stages[1].filter.jq"));
            assertTrue("a refused edit changes nothing", http("GET", copy, null, 200).contains("\"edited\":false"));

            String edited = http("PUT", copy, """
                    {"stages": [{"filter": {"jq": ".country == \\"NL\\""}}, {"map": {"ID": "id", "EMAIL": "email"}}]}""", 200);
            assertTrue(edited, edited.contains("\"edited\":true") && edited.contains("stages[0]: changed from"));
            String shown = shell("ferry:flow-show tmpl-a templated-contacts contacts-to-table");
            assertTrue(shown, shown.contains("edited") && shown.contains("differences from the template"));
            assertTrue(shell("ferry:flow-list tmpl-b").contains("no"));

            String csv = """
                    id,email,country
                    1,ada@example.com,NL
                    2,bert@example.com,BE
                    """;
            drop(inboxA, "contacts-1.csv", csv);
            drop(inboxB, "contacts-1.csv", csv);
            awaitRun(a, r -> r.actionsSucceeded() == 1);
            awaitRun(b, r -> r.actionsSucceeded() == 2);
            assertEquals("workspace A runs its edited copy", Set.of(1L), rowsByKey(a, "contacts-writer", "ID").keySet());
            assertEquals("workspace B runs the template", Set.of(1L, 2L), rowsByKey(b, "contacts-writer", "ID").keySet());

            registrations.remove(a, "itest");
            shell("ferry:register templated-contacts tmpl-a --config inbox=" + inboxA
                    + " --config \"targetUrl=jdbc:derby:" + Files.createTempDirectory("ferry-tmpl-a2") + "/db;create=true\"");
            assertTrue("the copy outlives the registration", http("GET", copy, null, 200).contains("\"edited\":true"));
            String reset = http("POST", copy + "/reset", null, 200);
            assertTrue(reset, reset.contains("\"edited\":false") && reset.contains("\"differences\":[]"));
            registrations.remove(a, "itest");
            registrations.remove(b, "itest");
        } finally {
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * The builder from the shell: a descriptor with errors is refused with each (nothing stored), a good one is
     * uploaded as a draft registered in its development workspace, changed, listed and published into the product
     * repository (the REST side and the install on another node: PublishIT).
     */
    @Test
    public void theBuilderFromTheShellValidatesUploadsChangesAndPublishesADraft() throws Exception {
        String descriptor = new String(contactsDescriptor(), StandardCharsets.UTF_8)
                .replace("\"id\": \"contacts-etl\"", "\"id\": \"shell-built\"")
                .replace("\"name\": \"Contacts ETL\"", "\"name\": \"Built in the shell\"");
        Path good = Files.createTempFile("shell-built", ".json");
        Path bad = Files.createTempFile("shell-broken", ".json");
        Files.writeString(good, descriptor);
        Files.writeString(bad, descriptor.replace("\"operation\": \"upsert\"", "\"operation\": \"merge\"")
                .replace("\"every\": \"10s\"", "\"every\": \"often\""));
        try {
            assertError("ferry:product-validate " + bad, "flows[0].to.operation");
            assertError("ferry:product-upload " + bad, "jobs[0].schedule.every");
            assertFalse("nothing stored", shell("ferry:product-drafts").contains("shell-built"));
            assertTrue(shell("ferry:product-validate " + good).contains("is a valid product descriptor"));
            String uploaded = shell("ferry:product-upload " + good);
            assertTrue(uploaded, uploaded.contains("Draft shell-built 1.0.0 (Built in the shell) uploaded")
                    && uploaded.contains("registered there as shell-built-dev:shell-built"));
            Files.writeString(good, descriptor.replace("Built in the shell", "Built and changed in the shell"));
            assertTrue(shell("ferry:product-upload --update " + good).contains("changed"));
            String drafts = shell("ferry:product-drafts");
            assertTrue(drafts, drafts.contains("shell-built") && drafts.contains("draft"));
            String published = shell("ferry:product-publish shell-built 1.0.0");
            assertTrue(published, published.contains("feature:repo-add mvn:dev.ferry.products/shell-built/1.0.0/xml/features"));
            assertTrue(shell("ferry:product-drafts").contains("published"));
            registrations.remove("shell-built-dev:shell-built", "itest");
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
        }
    }

    /**
     * Registers a product that reads {@code inbox} and writes to config {@code targetUrl} into a new workspace, with a
     * new Derby database as its target; the registration's id.
     */
    /** fleet-contacts at a version: 1.1.0 renames config country to homeCountry and lower-cases e-mail addresses. */
    private static String fleetContacts(String version, boolean lowerCase) {
        return fleetContacts(version, lowerCase, null);
    }

    /** fleet-contacts at a version whose writer writes to another table, which it does not create (when not null). */
    private static String fleetContacts(String version, boolean lowerCase, String table) {
        String country = version.equals("1.0.0") ? "country" : "homeCountry";
        return """
                {"format": 2, "id": "fleet-contacts", "version": "%s", "name": "Contacts for a fleet",
                 "connectors": ["file", "jdbc"],
                 "configs": [{"name": "inbox", "type": "path"}, {"name": "targetUrl", "type": "uri"},
                             {"name": "%s", "type": "string", "defaultValue": "NL"%s}],
                 "features": [{"id": "contacts", "name": "Contacts", "services": ["contacts-reader", "contacts-writer"],
                               "flows": ["contacts-to-table"]}],
                 "services": [
                   {"id": "contacts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                    "connection": {"directory": "{{inbox}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "email", "type": "string"}, {"name": "country", "type": "string"}],
                               "primaryKey": ["id"], "options": {"pattern": "contacts*.csv"}}},
                   {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "EMAIL", "type": "string"}],
                               "primaryKey": ["ID"], "options": {"table": "%s", "createTable": "%s"}}}],
                 "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader"},
                            "stages": [{"filter": {"simple": "${body[country]} == ${exchangeProperty.%s}"}},
                                       {"map": {"ID": "id", "EMAIL": %s}}],
                            "to": {"service": "contacts-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "5s"}, "steps": ["contacts-reader", "contacts-writer"]}]}
                """.formatted(version, country, version.equals("1.0.0") ? "" : ", \"replaces\": [\"country\"]",
                table == null ? "CONTACTS" : table, table == null, country, lowerCase ? "{\"jq\": \".email | ascii_downcase\"}" : "\"email\"");
    }

    /**
     * The connector catalog, and which installed version of a connector serves: the highest in the product's range,
     * whatever order the versions came in; a higher one in range takes the registrations over, one out of range does
     * not; removing the serving one falls back to the next, removing the last in range leaves the registrations waiting
     * with "connector missing" and a run started by hand refused with that message, until a version in range is back.
     */
    @Test
    public void theHighestInstalledConnectorVersionInTheProductsRangeServesAndTheCatalogSaysWhy() throws Exception {
        String catalog = shell("ferry:connector-list");
        assertTrue(catalog, catalog.contains("jdbc") && catalog.contains("file") && catalog.contains("table"));
        String jdbc = http("GET", "/connectors/jdbc", null, 200);
        assertTrue(jdbc, jdbc.contains("{\"name\":\"password\",\"type\":\"string\",\"required\":false,\"secret\":true")
                && jdbc.contains("\"role\":\"serving\"") && jdbc.contains("\"product\":\"customer-sync-demo\""));
        http("GET", "/connectors/ftp", null, 404);

        // discovery: what a connection sees, to build a product from; it reaches the system, so viewers may not
        Path folder = Files.createTempDirectory("ferry-discover");
        Files.writeString(folder.resolve("contacts.csv"), "id,email,country\n1,a@example.com,NL\n");
        String found = http("POST", "/connectors/file/discover", "{\"connection\": {\"directory\": \"" + folder + "\"}}", 200);
        assertTrue(found, found.contains("{\"module\":\"csv\",\"name\":\"contacts\"") && found.contains("\"primaryKey\":[\"id\"]")
                && found.contains("\"options\":{\"pattern\":\"contacts.csv\"}")
                && found.contains("{\"name\":\"email\",\"type\":\"string\",\"required\":false}"));
        String refused = http("POST", "/connectors/file/discover", "{\"connection\": {\"dir\": \"/tmp\"}}", 400);
        assertTrue(refused, refused.contains("connection.dir"));
        String nowhere = http("POST", "/connectors/file/discover", "{\"connection\": {}}", 400);
        assertTrue(nowhere, nowhere.contains("connection.directory") && nowhere.contains("unless sftpUrl"));
        // over SFTP (JSch in the container), to this Karaf's own SSH port: the server shows a key the connection does
        // not name, so nothing is sent there
        String untrusted = http("POST", "/connectors/file/discover", "{\"connection\": {\"sftpUrl\": \"sftp://127.0.0.1:8202/\","
                + " \"sftpUser\": \"admin\", \"sftpPassword\": \"admin\", \"sftpHostKey\": \"SHA256:" + "A".repeat(43) + "\"}}", 502);
        assertTrue(untrusted, untrusted.contains("sftp://127.0.0.1:8202/ showed host key SHA256:")
                && untrusted.contains("the connection names: refused [host_key_mismatch]") && !untrusted.contains("admin\""));
        http("POST", "/connectors/file/discover", "{\"connection\": {\"directory\": \"" + folder.resolve("nope") + "\"}}", 502);
        assertEquals(403, status("POST", "/connectors/file/discover", "auditor:auditor"));
        String discovered = shell("ferry:connector-discover --config directory=" + folder + " file");
        assertTrue(discovered, discovered.contains("csv contacts") && discovered.contains("key      id")
                && discovered.contains("options  pattern=contacts.csv"));

        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> reads = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, org.osgi.framework.ServiceRegistration<?>> installed = new java.util.HashMap<>();
        java.util.function.Consumer<String> install = version -> installed.put(version, bundles.registerService(
                dev.ferry.connector.api.Connector.class, new EchoConnector(version, reads), null));
        Bundle product = bundles.installBundle(productJar("itest.versioned", """
                {"id": "itest-versioned", "version": "1.0.0", "name": "Versioned connector",
                 "connectors": [{"id": "itest-echo", "version": "[1.0.0,2.0.0)"}],
                 "services": [{"id": "reader", "connector": "itest-echo", "module": "echo", "type": "cache-writer",
                               "object": {"name": "echo", "fields": [{"name": "id", "type": "integer", "required": true},
                                          {"name": "version", "type": "string"}], "primaryKey": ["id"]}}],
                 "jobs": [{"id": "sync", "steps": ["reader"]}]}
                """).toUri().toString());
        String id = "versions:itest-versioned";
        try {
            install.accept("1.1.0");
            install.accept("1.0.0"); // a lower version coming later changes nothing
            product.start();
            await(() -> products.list().stream().anyMatch(p -> p.id().equals("itest-versioned")) ? true : null);
            shell("ferry:workspace-create versions");
            registrations.register(new NewRegistration("itest-versioned", null, "versions", Map.of(), null), "itest");
            JobRun first = awaitEnd(runs.start(id, "sync", "itest"));
            assertEquals(RunStatus.SUCCEEDED, first.status());
            assertEquals(1, reads.get("1.1.0").get());
            assertEquals(null, reads.get("1.0.0"));
            String runJson = shell("ferry:run-show --json " + first.id());
            assertTrue(runJson, runJson.startsWith("{\"id\": " + first.id() + ", \"registration\": \"" + id + "\"")
                    && runJson.contains("\"status\": \"succeeded\"") && runJson.contains("\"startedAt\": \"20"));

            install.accept("1.2.0"); // higher, in range: the registration moves to it
            await(() -> registrations.get(id).runtime().equals("running") ? true : null);
            assertEquals(RunStatus.SUCCEEDED, awaitEnd(runs.start(id, "sync", "itest")).status());
            assertEquals(1, reads.get("1.2.0").get());
            install.accept("2.0.0"); // higher, out of range: it stays on 1.2.0
            assertEquals(RunStatus.SUCCEEDED, awaitEnd(runs.start(id, "sync", "itest")).status());
            assertEquals(2, reads.get("1.2.0").get());
            assertEquals(null, reads.get("2.0.0"));

            String listed = shell("ferry:connector-list --json");
            assertTrue(listed, listed.startsWith("[{\"id\": \"amqp\"") && listed.contains("{\"id\": \"file\"") && listed.contains("{\"id\": \"itest-echo\", \"name\": \"Echo\""));
            String shown = shell("ferry:connector-show itest-echo");
            assertTrue(shown, shown.contains("2.0.0  serving") && shown.contains("1.2.0  serving")
                    && shown.contains("serves itest-versioned@1.0.0") && shown.contains("1.1.0  standing by")
                    && shown.contains("itest-versioned 1.0.0, versions [1.0.0,2.0.0): served by 1.2.0"));

            installed.remove("1.2.0").unregister(); // falls back to the next in range
            assertEquals(RunStatus.SUCCEEDED, awaitEnd(runs.start(id, "sync", "itest")).status());
            assertEquals(2, reads.get("1.1.0").get());

            installed.remove("1.1.0").unregister();
            installed.remove("1.0.0").unregister();
            String missing = "connector missing: connector 'itest-echo' in [1.0.0,2.0.0) is not installed (installed: [2.0.0])";
            assertTrue(registrations.get(id).runtime(), registrations.get(id).runtime().contains(missing));
            try {
                runs.start(id, "sync", "itest");
                fail("a run of a registration without its connector should be refused");
            } catch (RuntimeException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(missing));
            }
            String use = http("GET", "/connectors/itest-echo", null, 200);
            assertTrue(use, use.contains("\"servedBy\":null,\"state\":\"" + missing.replace("'", "'") + "\""));

            install.accept("1.3.0"); // back in range: it runs again
            await(() -> registrations.get(id).runtime().equals("running") ? true : null);
            assertEquals(RunStatus.SUCCEEDED, awaitEnd(runs.start(id, "sync", "itest")).status());
            assertEquals(1, reads.get("1.3.0").get());
        } finally {
            try {
                registrations.remove(id, "itest");
            } catch (RuntimeException ignored) {
                // not registered: the test failed before
            }
            installed.values().forEach(org.osgi.framework.ServiceRegistration::unregister);
            product.uninstall();
        }
    }

    /**
     * A run started by hand now; when the job's schedule came first (the demo's runs every 10 s, a new trigger fires at
     * once), that run is waited for and the job started again, so the run read what the test put there before.
     */
    private JobRun startWhenFree(String registration, String job) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return runs.start(registration, job, "itest");
            } catch (dev.ferry.platform.api.ConflictException e) {
                if (!e.getMessage().contains("is running already") || System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** A run of a job started by hand now, or, when its schedule's run came first and is still going, that run. */
    private JobRun startOrJoin(String registration, String job) {
        try {
            return runs.start(registration, job, "itest");
        } catch (dev.ferry.platform.api.ConflictException scheduledFirst) {
            return runs.list(new RunQuery(registration, null, job, 1)).get(0);
        }
    }

    /** A run, once it ended. */
    private JobRun awaitEnd(JobRun started) throws InterruptedException {
        return await(() -> {
            JobRun r = runs.get(started.id());
            return r.status() == RunStatus.RUNNING ? null : r;
        });
    }

    /** A connector of one version whose module "echo" reads one record saying its version, counting its reads. */
    private record EchoConnector(String version, java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> reads)
            implements dev.ferry.connector.api.Connector {

        @Override
        public dev.ferry.connector.api.ConnectorInfo info() {
            return new dev.ferry.connector.api.ConnectorInfo("itest-echo", "Echo", version, "itest", "says its version");
        }

        @Override
        public List<dev.ferry.connector.api.ConfigField> connectionSpec() {
            return List.of();
        }

        @Override
        public List<dev.ferry.connector.api.ModuleSpec> modules() {
            return List.of(new dev.ferry.connector.api.ModuleSpec("echo", "one record", Set.of(
                    dev.ferry.connector.api.ServiceType.CACHE_WRITER), Set.of(), List.of()));
        }

        @Override
        public dev.ferry.connector.api.ConnectionTest testConnection(dev.ferry.connector.api.Config connection) {
            return dev.ferry.connector.api.ConnectionTest.ok("echo " + version);
        }

        @Override
        public dev.ferry.connector.api.read.CacheWriter cacheWriter(String module) {
            return context -> {
                reads.computeIfAbsent(version, v -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                context.emit(dev.ferry.connector.api.data.DataRecord.of(Map.of("id", 1L, "version", version)));
                return java.util.Optional.empty();
            };
        }

        @Override
        public dev.ferry.connector.api.action.ActionProcessor actionProcessor(String module) {
            throw new IllegalArgumentException("echo takes no actions");
        }
    }

    /**
     * Safe by default: REST and SSH listen on this machine only; failed REST logins are logged with the user and
     * address, and five in a row lock that user out from there (429 with Retry-After, even with the right password)
     * while others log in as before.
     */
    @Test
    public void restAndSshListenLocallyAndRepeatedFailedLoginsAreLoggedAndLockedOut() throws Exception {
        java.net.InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst().orElse(null);
        org.junit.Assume.assumeNotNull("the machine has an address besides 127.0.0.1", external);
        for (int port : new int[]{HTTP_PORT, 8202}) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(external, port), 2000);
                fail("port " + port + " answers on " + external + "; it should listen on 127.0.0.1 only");
            } catch (IOException expected) {
                // refused: nothing listens there
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            }
        }

        assertEquals(200, status("GET", "/workspaces", "guesser:right-one"));
        for (int i = 1; i <= 5; i++) {
            assertEquals("wrong password " + i, 401, status("GET", "/workspaces", "guesser:wrong-" + i));
        }
        HttpURLConnection locked = connect("GET", "/workspaces", "guesser:right-one");
        assertEquals("locked out, even with the right password", 429, locked.getResponseCode());
        assertTrue(Integer.parseInt(locked.getHeaderField("Retry-After")) > 0);
        String problem = new String(locked.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(problem, problem.contains("too many failed logins of this user"));
        assertEquals("application/problem+json", locked.getContentType());
        assertEquals("another user logs in as before", 200, status("GET", "/workspaces", "auditor:auditor"));
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        String logged = Files.readString(log);
        assertTrue(logged.contains("REST login failed for user 'guesser' from 127.0.0.1 (1 failure(s) in a row)"));
        assertTrue(logged.contains("REST login failed for user 'guesser' from 127.0.0.1 (5 failures in a row): this user's"
                + " logins from there are refused for 30 s"));
        assertTrue(logged.contains("REST login of user 'guesser' from 127.0.0.1 refused without checking the password"));
        assertFalse("no password is logged", logged.contains("wrong-3"));
    }

    /**
     * Confinement: a registration's folders must lie in its workspace's own folder or a shared one (after ".." and
     * symbolic links), and no registration reaches Ferry's own store; each refusal names the config and stores nothing.
     */
    @Test
    public void aRegistrationReachesOnlyItsWorkspacesFoldersAndNeverFerrysStore() throws Exception {
        shell("ferry:workspace-create fenced");
        String tmp = System.getProperty("java.io.tmpdir");
        for (String inbox : List.of("/etc", "/proc/self", tmp + "/../etc")) {
            assertError("ferry:register customer-sync-demo fenced --config inbox=" + inbox,
                    "config inbox: '" + inbox + "'");
        }
        String refused = http("POST", "/registrations", "{\"product\": \"customer-sync-demo\", \"workspace\": \"fenced\","
                + " \"config\": {\"inbox\": \"/etc\"}}", 400);
        assertTrue(refused, refused.contains("\"field\":\"config inbox\"") && refused.contains("is outside the folders workspace fenced may use"));
        String storeUrl;
        try (Connection c = store.getConnection()) {
            storeUrl = c.getMetaData().getURL();
        }
        assertError("ferry:register customer-sync-demo fenced --config \"targetUrl=" + storeUrl + ";create=true\"",
                "is Ferry's own store");
        assertTrue("nothing was stored", registrations.list("fenced").isEmpty());

        String id = registrations.register(new NewRegistration("customer-sync-demo", null, "fenced", Map.of(), null),
                "itest").id(); // its own folder, the default
        assertEquals("running", registrations.get(id).runtime());
        registrations.remove(id, "itest");
    }

    /**
     * A registration moves to a new version in place: the preview lists exactly what changes and changes nothing; the
     * update keeps the reader's cursor (its data object did not change), carries the renamed config's value over and
     * runs the new flow; a version whose definition changes under a registration shows it out of sync with why, until
     * it is synced; feature states, a job's own cadence and pausing take effect at once; bad input changes nothing.
     */
    @Test
    public void aRegistrationMovesToANewVersionInPlaceKeepingWhatDidNotChange() throws Exception {
        Path v100 = productJar("itest.fleet-contacts-100", fleetContacts("1.0.0", false));
        Path v110 = productJar("itest.fleet-contacts-110", fleetContacts("1.1.0", true));
        Path v110b = productJar("itest.fleet-contacts-110b", fleetContacts("1.1.0", false));
        Path v090 = productJar("itest.fleet-contacts-090", fleetContacts("0.9.0", false)
                .replace("\"primaryKey\": [\"id\"]", "\"primaryKey\": [\"email\"]"));
        Bundle b090 = bundles.installBundle(v090.toUri().toString());
        b090.start();
        Bundle b100 = bundles.installBundle(v100.toUri().toString());
        Bundle b110 = bundles.installBundle(v110.toUri().toString());
        Bundle b110b = null;
        String id = "fleet1:fleet-contacts";
        try {
            b100.start();
            b110.start();
            Path inbox = Files.createTempDirectory("ferry-fleet");
            Path target = Files.createTempDirectory("ferry-fleet-target");
            shell("ferry:workspace-create fleet1");
            shell("ferry:register fleet-contacts fleet1 --version 1.0.0 --config inbox=" + inbox
                    + " --config country=BE --config \"targetUrl=jdbc:derby:" + target + "/db;create=true\"");
            drop(inbox, "contacts-1.csv", """
                    id,email,country
                    1,Ada@Example.COM,BE
                    2,bert@example.com,NL
                    3,CARLA@example.com,BE
                    """);
            awaitRun(id, r -> r.actionsSucceeded() == 2);
            assertTrue(registrations.get(id).inSync());

            String preview = http("POST", "/registrations/" + id + "/preview", "{\"version\": \"1.1.0\"}", 200);
            assertTrue(preview, preview.contains("\"applied\":false") && preview.contains("\"resets\":[]")
                    && preview.contains("{\"kind\":\"version\",\"name\":\"fleet-contacts\",\"change\":\"changed\",\"before\":\"1.0.0\",\"after\":\"1.1.0\"}")
                    && preview.contains("{\"kind\":\"config\",\"name\":\"country\",\"change\":\"removed\",\"before\":\"BE\",\"after\":null}")
                    && preview.contains("{\"kind\":\"config\",\"name\":\"homeCountry\",\"change\":\"added\",\"before\":null,\"after\":\"BE\"}")
                    && preview.contains("{\"kind\":\"flow\",\"name\":\"contacts-to-table\",\"change\":\"changed\""));
            assertEquals("a preview changes nothing", "1.0.0", registrations.get(id).productVersion());
            assertEquals("1.1.0", registrations.get(id).sync().newest());

            String applied = shell("ferry:registration-update " + id + " --version 1.1.0");
            assertTrue(applied, applied.contains("1.0.0 -> 1.1.0") && applied.contains("Applied"));
            Registration moved = registrations.get(id);
            assertEquals("1.1.0", moved.productVersion());
            assertEquals("BE", moved.config().get("homeCountry"));
            assertFalse(moved.config().containsKey("country"));
            assertTrue(moved.inSync());
            long before = runs.list(new RunQuery(id, null, "sync", 100)).size();
            drop(inbox, "contacts-2.csv", """
                    id,email,country
                    4,Dirk@Example.COM,BE
                    """);
            JobRun next = awaitRun(id, r -> r.actionsSucceeded() == 1);
            assertEquals("the reader's cursor was kept: only the new file is read", 1, next.rowsRead());
            Map<Long, Map<String, Object>> rows = rowsByKey(id, "contacts-writer", "ID");
            assertEquals("dirk@example.com", rows.get(4L).get("EMAIL")); // the new version's flow
            assertEquals("Ada@Example.COM", rows.get(1L).get("EMAIL")); // not sent again
            assertTrue(runs.list(new RunQuery(id, null, "sync", 100)).size() > before);

            // the definition of 1.1.0 changes under the registration: out of sync, with why, until synced
            b110.uninstall();
            b110b = bundles.installBundle(v110b.toUri().toString());
            b110b.start();
            Registration changed = await(() -> {
                Registration r = registrations.get(id);
                return r.runtime().equals("running") && r.sync().why().equals(List.of("flow contacts-to-table changed")) ? r : null;
            });
            assertFalse(changed.inSync());
            assertTrue(shell("ferry:registration-list -w fleet1").contains("out of sync"));
            assertTrue(shell("ferry:registration-show " + id).contains("out of sync: flow contacts-to-table changed"));
            assertTrue(shell("ferry:registration-sync " + id + " --preview").contains("Preview only"));
            assertFalse(registrations.get(id).inSync());
            assertTrue(shell("ferry:registration-sync " + id).contains("Applied"));
            assertTrue(registrations.get(id).inSync());

            // the product's one entry point
            String listed = shell("ferry:product-registrations fleet-contacts");
            assertTrue(listed, listed.contains("fleet1") && listed.contains("1.1.0") && listed.contains("contacts=active")
                    && listed.contains("1-1 of 1 registration(s)"));
            String page = http("GET", "/products/fleet-contacts/registrations?sync=in&health=ok&sort=-last-run&limit=5", null, 200);
            assertTrue(page, page.contains("\"total\":1") && page.contains("\"registration\":\"fleet1:fleet-contacts\"")
                    && page.contains("\"lastRun\":\"succeeded\"") && page.contains("\"failures24h\":0"));
            assertTrue(http("GET", "/products/fleet-contacts/registrations?health=failing", null, 200).contains("\"total\":0"));
            String badSort = http("GET", "/products/fleet-contacts/registrations?sort=colour&limit=0", null, 400);
            assertTrue(badSort, badSort.contains("sort") && badSort.contains("limit"));
            http("GET", "/products/no-such-product/registrations", null, 404);

            // feature states and a job's own cadence take effect at once
            String trigger = "select count(*) from FERRY_QRTZ_TRIGGERS where TRIGGER_NAME = 'fleet1.fleet-contacts.sync'";
            assertEquals(1, count(trigger));
            // ETags: a change sent against a stale one is refused, an unchanged registration is not sent again
            HttpURLConnection read = connect("GET", "/registrations/" + id, "admin:admin");
            String etag = read.getHeaderField("ETag");
            assertTrue(etag, etag != null && etag.startsWith("\""));
            HttpURLConnection again = connect("GET", "/registrations/" + id, "admin:admin");
            again.setRequestProperty("If-None-Match", etag);
            assertEquals(304, again.getResponseCode());
            java.net.http.HttpResponse<String> matching = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + HTTP_PORT + "/ferry/api/registrations/" + id))
                            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"features\": {\"contacts\": \"maintenance\"}}"))
                            .header("Content-Type", "application/json").header("If-Match", etag)
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(matching.body(), 200, matching.statusCode());
            String newer = matching.headers().firstValue("ETag").orElse("");
            assertFalse("a change gives a new ETag", newer.isEmpty() || newer.equals(etag));
            java.net.http.HttpResponse<String> stale = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + HTTP_PORT + "/ferry/api/registrations/" + id))
                            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"features\": {\"contacts\": \"active\"}}"))
                            .header("Content-Type", "application/json").header("If-Match", etag)
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(stale.body(), 412, stale.statusCode());
            assertTrue(stale.body(), stale.body().contains("changed since the ETag sent in If-Match")
                    && stale.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
            assertEquals("maintenance: no schedule", 0, count(trigger));
            JobRun manual = runs.start(id, "sync", "itest");
            assertNotNull(await(() -> runs.get(manual.id()).status() == RunStatus.RUNNING ? null : manual));
            patch("/registrations/" + id, "{\"features\": {\"contacts\": \"disabled\"}}", 200);
            assertError("ferry:job-run " + id + " sync", "has no step that runs");
            assertTrue(shell("ferry:registration-update " + id + " --feature contacts=active --job-every sync=1h").contains("Applied"));
            assertEquals(1, count(trigger));
            assertEquals(3_600_000, count("select REPEAT_INTERVAL from FERRY_QRTZ_SIMPLE_TRIGGERS where TRIGGER_NAME = 'fleet1.fleet-contacts.sync'"));
            assertTrue(shell("ferry:registration-show " + id).contains("sync (every 1h)"));

            // pausing stops everything of it until resumed; overrides stay through updates
            assertTrue(shell("ferry:registration-pause " + id).contains("paused since"));
            assertError("ferry:job-run " + id + " sync", "paused since");
            assertEquals("its trigger waits, paused", 1, count(trigger + " and TRIGGER_STATE = 'PAUSED'"));
            assertTrue(shell("ferry:registration-resume " + id).contains("running"));
            assertEquals(0, count(trigger + " and TRIGGER_STATE = 'PAUSED'"));

            // bad input: a clear error, nothing changed
            assertError("ferry:registration-update " + id + " --version 9.9.9", "version: product fleet-contacts has no installed version 9.9.9 (installed: 0.9.0, 1.0.0, 1.1.0)");
            assertError("ferry:registration-update " + id + " --feature contacts=sleeping", "features.contacts: 'sleeping' is not a feature state");
            assertError("ferry:registration-update " + id + " --feature billing=active", "features.billing: product fleet-contacts 1.1.0 has no feature 'billing'");
            assertError("ferry:registration-update " + id + " --job-cron sync=whenever", "jobs.sync.cron: 'whenever' is not a Quartz cron expression");
            assertError("ferry:registration-update " + id + " --unset inbox", "config inbox: is required by fleet-contacts 1.1.0 and has no default");
            String refused = patch("/registrations/" + id, "{\"config\": {\"colour\": \"red\"}}", 400);
            assertTrue(refused, refused.contains("config colour"));
            Registration after = registrations.get(id);
            assertEquals("1.1.0", after.productVersion());
            assertEquals("active", after.features().get("contacts"));
            assertEquals("1h", after.overrides().job("sync").every());

            // a change whose routes cannot start (a cron that never fires again) is undone whole
            String triggerBefore = "select count(*) from FERRY_QRTZ_SIMPLE_TRIGGERS where TRIGGER_NAME = 'fleet1.fleet-contacts.sync'"
                    + " and REPEAT_INTERVAL = 3600000";
            assertEquals(1, count(triggerBefore));
            assertError("ferry:registration-update " + id + " --config homeCountry=NL --job-cron 'sync=0 0 0 1 1 ? 2000'",
                    "could not start with the change");
            Registration undone = registrations.get(id);
            assertEquals("BE", undone.config().get("homeCountry"));
            assertEquals("1h", undone.overrides().job("sync").every());
            assertEquals("running", undone.runtime());
            assertEquals("its schedule is as it was", 1, count(triggerBefore));

            // moving down across a change of the reader's key resets its cache: only with --reset
            assertError("ferry:registration-update " + id + " --version 0.9.0", "reset: moving " + id
                    + " down from 1.1.0 to 0.9.0 resets the cache of contacts-reader; give reset (--reset)");
            assertEquals("1.1.0", registrations.get(id).productVersion());
            String reset = shell("ferry:registration-update " + id + " --version 0.9.0 --reset");
            assertTrue(reset, reset.contains("Cache reset: contacts-reader: key changed"));
            // the new version's trigger may fire at once (every hour from now): that run is the one after the reset
            long rereadId = startOrJoin(id, "sync").id();
            assertEquals("the reset reader reads every file again", 4, await(() -> {
                JobRun r = runs.get(rereadId);
                return r.status() == RunStatus.RUNNING ? null : r;
            }).rowsRead());
            assertTrue(shell("ferry:registration-update " + id + " --version 1.1.0 --reset").contains("Applied"));

            // and back down: the renamed config takes its value again
            assertTrue(shell("ferry:registration-update " + id + " --version 1.0.0 --reset").contains("Applied"));
            assertEquals("BE", registrations.get(id).config().get("country"));
            List<String> actions = activity.query(new ActivityQuery("fleet-contacts", "fleet1", null, null, null, 100)).stream()
                    .map(ActivityEntry::action).toList();
            assertTrue(actions.toString(), actions.contains("registration.updated") && actions.contains("registration.synced"));
        } finally {
            if (registrations.list("fleet1").stream().anyMatch(r -> r.id().equals(id))) {
                registrations.remove(id, "itest"); // else the fleet test that counts the product's registrations counts it
            }
            b090.uninstall();
            Files.deleteIfExists(v090);
            b100.uninstall();
            if (b110.getState() != Bundle.UNINSTALLED) {
                b110.uninstall();
            }
            if (b110b != null) {
                b110b.uninstall();
            }
            Files.deleteIfExists(v100);
            Files.deleteIfExists(v110);
            Files.deleteIfExists(v110b);
        }
    }

    /**
     * Twenty registrations of one product in twenty workspaces: a rollout's preview says exactly what changes; two
     * selected registrations are synced at once; then all move in waves (a canary, watched, then the rest), keeping
     * what each registration overrides; a version whose target table is wrong fails the canary's runs, and the rollout
     * halts and moves the canary back by itself, with everything in the activity log; bad input changes nothing.
     */
    @Test
    public void aFleetMovesInWavesAndACanaryWhoseRunsFailIsRolledBack() throws Exception {
        Path v100 = productJar("itest.fleet-100", templated(fleetContacts("1.0.0", false)));
        Path v110 = productJar("itest.fleet-110", templated(fleetContacts("1.1.0", true)));
        Path v120 = productJar("itest.fleet-120", templated(fleetContacts("1.2.0", true, "NO_SUCH_TABLE")));
        List<Bundle> installed = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (Path jar : List.of(v100, v110, v120)) {
                Bundle b = bundles.installBundle(jar.toUri().toString());
                installed.add(b);
                b.start();
            }
            Map<String, Path> inboxes = new java.util.HashMap<>();
            for (int i = 1; i <= 20; i++) {
                String workspace = String.format("wave%02d", i);
                Path inbox = Files.createTempDirectory("ferry-" + workspace);
                shell("ferry:workspace-create " + workspace);
                shell("ferry:register fleet-contacts " + workspace + " --version 1.0.0 --config inbox=" + inbox
                        + " --config country=BE --config \"targetUrl=jdbc:derby:memory:" + workspace + ";create=true\"");
                ids.add(workspace + ":fleet-contacts");
                inboxes.put(workspace + ":fleet-contacts", inbox);
            }
            shell("ferry:registration-update wave05:fleet-contacts --job-every sync=1h");
            String edited = "[{\"filter\": {\"simple\": \"${body[country]} == 'BE'\"}}, {\"map\": {\"ID\": \"id\","
                    + " \"EMAIL\": {\"constant\": \"edited\"}}}]";
            http("PUT", "/workspaces/wave03/flows/fleet-contacts/contacts-to-table", "{\"stages\": " + edited + "}", 200);

            // a preview that is exactly right, and changes nothing
            String preview = http("POST", "/rollouts/preview", "{\"product\": \"fleet-contacts\", \"version\": \"1.1.0\","
                    + " \"registrations\": [\"wave01:fleet-contacts\", \"wave02:fleet-contacts\"]}", 200);
            String expected = "\"changes\":[{\"kind\":\"version\",\"name\":\"fleet-contacts\",\"change\":\"changed\",\"before\":\"1.0.0\",\"after\":\"1.1.0\"},"
                    + "{\"kind\":\"config\",\"name\":\"country\",\"change\":\"removed\",\"before\":\"BE\",\"after\":null},"
                    + "{\"kind\":\"config\",\"name\":\"homeCountry\",\"change\":\"added\",\"before\":null,\"after\":\"BE\"},"
                    + "{\"kind\":\"flow\",\"name\":\"contacts-to-table\",\"change\":\"template changed\",\"before\":null,"
                    + "\"after\":\"the workspace keeps its copy (ferry:flow-reset takes the new template)\"}],"
                    + "\"resets\":[],\"missingConfigs\":[],\"applied\":false";
            assertEquals(preview, 2, preview.split(java.util.regex.Pattern.quote(expected), -1).length - 1);
            assertTrue(preview, preview.contains("\"blocked\":[]"));
            assertEquals("1.0.0", registrations.get("wave01:fleet-contacts").productVersion());

            // sync selected: two registrations at once, no canary, no watch
            String started = http("POST", "/rollouts", "{\"product\": \"fleet-contacts\", \"version\": \"1.1.0\","
                    + " \"registrations\": [\"wave01:fleet-contacts\", \"wave02:fleet-contacts\"], \"canaryPercent\": 100,"
                    + " \"watch\": \"0\"}", 202);
            long selected = Long.parseLong(started.replaceAll("^\\{\"id\":(\\d+),.*$", "$1"));
            assertEquals("completed", awaitRollout(selected, "completed").state());
            assertEquals("1.1.0", registrations.get("wave02:fleet-contacts").productVersion());
            assertEquals("1.0.0", registrations.get("wave03:fleet-contacts").productVersion());

            // all of them in waves: 10 % first, watched, then the rest
            String all = shell("ferry:rollout-start --canary 10 --watch 10s fleet-contacts 1.1.0");
            long wave = Long.parseLong(all.replaceAll("(?s)^Rollout (\\d+) .*$", "$1"));
            Rollout done = awaitRollout(wave, "completed");
            assertEquals(List.of("canary", "canary"), done.targets().stream().map(Rollout.Target::wave).filter("canary"::equals).toList());
            assertTrue(done.history().toString(), done.history().stream().anyMatch(s -> s.what().startsWith("watched: the canary's failed runs: 0 of")));
            for (String id : ids) {
                assertEquals(id, "1.1.0", registrations.get(id).productVersion());
            }
            assertEquals("an override survives the rollout", "1h", registrations.get("wave05:fleet-contacts").overrides().job("sync").every());
            String copy = http("GET", "/workspaces/wave03/flows/fleet-contacts/contacts-to-table", null, 200);
            assertTrue("an edited flow-template copy survives the rollout: " + copy, copy.contains("\"edited\":true")
                    && copy.contains("\"constant\":\"edited\""));
            assertTrue(shell("ferry:rollout-show " + wave).contains("completed: 20 registration(s) on 1.1.0"));

            // a version whose target table is wrong: the canary's runs fail, the rollout halts and moves it back
            assertTrue(http("POST", "/rollouts", "{\"product\": \"fleet-contacts\", \"version\": \"9.9.9\"}", 400)
                    .contains("has no installed version 9.9.9"));
            String broken = http("POST", "/rollouts", "{\"product\": \"fleet-contacts\", \"version\": \"1.2.0\","
                    + " \"canaryPercent\": 10, \"watch\": \"30s\", \"maxFailureIncrease\": 0.05}", 202);
            long halted = Long.parseLong(broken.replaceAll("^\\{\"id\":(\\d+),.*$", "$1"));
            Rollout watching = awaitRollout(halted, "watching");
            assertTrue(http("POST", "/rollouts", "{\"product\": \"fleet-contacts\", \"version\": \"1.1.0\"}", 409)
                    .contains("rollout " + halted + " of product fleet-contacts is under way"));
            List<String> canary = watching.targets().stream().filter(t -> t.wave().equals("canary"))
                    .map(Rollout.Target::registration).toList();
            for (String id : canary) {
                assertEquals("1.2.0", registrations.get(id).productVersion());
                drop(inboxes.get(id), "contacts-9.csv", """
                        id,email,country
                        9,Zed@Example.COM,BE
                        """);
            }
            Rollout back = awaitRollout(halted, "rolled-back");
            assertTrue(back.history().toString(), back.history().stream().anyMatch(s -> s.what().startsWith("halted: ")));
            for (String id : canary) {
                Registration r = registrations.get(id);
                assertEquals(id, "1.1.0", r.productVersion());
                assertEquals("BE", r.config().get("homeCountry"));
            }
            assertTrue(back.targets().stream().filter(t -> t.wave().equals("rest")).allMatch(t -> t.state().equals("pending")));
            assertEquals("1.1.0", registrations.get("wave20:fleet-contacts").productVersion());
            List<String> actions = activity.query(new ActivityQuery("fleet-contacts", null, null, null, null, 500)).stream()
                    .map(ActivityEntry::action).toList();
            assertTrue(actions.toString(), actions.containsAll(List.of("rollout.started", "rollout.completed",
                    "rollout.halted", "rollout.rolled-back")));
        } finally {
            for (String id : ids) {
                registrations.remove(id, "itest");
            }
            for (Bundle b : installed) {
                b.uninstall();
            }
            Files.deleteIfExists(v100);
            Files.deleteIfExists(v110);
            Files.deleteIfExists(v120);
        }
    }

    /** fleet-contacts with its flow a template, filtering on a constant (a workspace's copy outlives config names). */
    private static String templated(String descriptor) {
        return descriptor.replace("\"id\": \"contacts-to-table\", \"from\"", "\"id\": \"contacts-to-table\", \"template\": true, \"from\"")
                .replaceAll("\\$\\{exchangeProperty\\.\\w+\\}", "'BE'");
    }

    private Rollout awaitRollout(long id, String state) throws InterruptedException {
        return await(() -> {
            Rollout r = rollouts.get(id);
            if (!r.state().equals(state) && List.of("completed", "rolled-back", "failed").contains(r.state())) {
                fail("rollout " + id + " ended " + r.state() + " rather than " + state + ": " + r.history());
            }
            return r.state().equals(state) ? r : null;
        });
    }

    private String registerInboxToDerby(String product, String workspace, Path inbox) throws Exception {
        Path target = Files.createTempDirectory("ferry-" + workspace + "-target");
        String registration = workspace + ":" + product;
        shell("ferry:workspace-create " + workspace);
        String registered = shell("ferry:register " + product + " " + workspace + " --config inbox=" + inbox
                + " --config \"targetUrl=jdbc:derby:" + target + "/db;create=true\"");
        assertTrue(registered, registered.contains("as " + registration));
        return registration;
    }

    /** The rows of a registration's jdbc target service, by their integer key field. */
    private Map<Long, Map<String, Object>> rowsByKey(String registration, String service, String keyField) {
        return registrations.peek(registration, service, 100).stream()
                .collect(Collectors.toMap(r -> ((Number) r.get(keyField)).longValue(), r -> r));
    }

    /** contacts-etl's descriptor, as its bundle holds it. */
    private byte[] contactsDescriptor() throws IOException {
        Bundle contacts = List.of(bundles.getBundles()).stream()
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().contains("contacts-etl")).findFirst()
                .orElseThrow(() -> new AssertionError("the contacts-etl bundle is not installed"));
        try (InputStream in = contacts.getEntry("META-INF/ferry/product.json").openStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * An HTTP JSON API (json-server) into a table: the http-json connector reads the resource page by page, the
     * first run moves every item, and a later run asks the API only for what changed since the newest item seen.
     */
    @Test
    public void anHttpApisResourceMovesIntoATableAndItsChangesFollow() throws Exception {
        assertTrue(shell("ferry:connector-list").contains("http-json"));
        int contacts = 1_000;
        StringBuilder db = new StringBuilder("{\"contacts\": [");
        for (int i = 1; i <= contacts; i++) {
            db.append(i == 1 ? "" : ",").append("{\"id\":").append(i).append(",\"email\":\"c").append(i)
                    .append("@example.com\",\"updatedAt\":\"").append(java.time.Instant.parse("2026-01-01T00:00:00Z")
                            .plusSeconds(i)).append("\",\"extra\":{\"kept\":true}}");
        }
        db.append("]}");
        String descriptor = """
                {"format": 2, "id": "api-contacts", "version": "1.0.0", "name": "Contacts from an API",
                 "connectors": ["http-json", "jdbc"],
                 "configs": [{"name": "apiUrl", "type": "uri"}, {"name": "targetUrl", "type": "uri"}],
                 "services": [
                   {"id": "contacts-reader", "connector": "http-json", "module": "resource", "type": "cache-writer",
                    "mode": "incremental", "connection": {"baseUrl": "{{apiUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "email", "type": "string"}, {"name": "updatedAt", "type": "timestamp"},
                               {"name": "extra", "type": "object"}],
                               "primaryKey": ["id"],
                               "options": {"pagination": "page", "pageParam": "_page", "sizeParam": "_limit",
                                           "pageSize": "250", "updatedField": "updatedAt", "updatedParam": "updatedAt_gte"}}},
                   {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "EMAIL", "type": "string"}, {"name": "EXTRA", "type": "object"},
                               {"name": "KEPT", "type": "boolean"}],
                               "primaryKey": ["ID"], "options": {"table": "API_CONTACTS", "createTable": "true"}}}],
                 "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader", "events": ["inserted", "updated"]},
                            "stages": [{"map": {"ID": "id", "EMAIL": "email", "EXTRA": "extra", "KEPT": {"jq": ".extra.kept"}}}],
                            "to": {"service": "contacts-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"}, "steps": ["contacts-reader", "contacts-writer"]}]}
                """;
        Path jar = productJar("itest.api-contacts", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        try (JsonServerProcess api = JsonServerProcess.start(db.toString())) {
            product.start();
            Path target = Files.createTempDirectory("ferry-api-target");
            shell("ferry:workspace-create api");
            String registered = shell("ferry:register --config apiUrl=" + api.url() + " --config \"targetUrl=jdbc:derby:"
                    + target + "/db;create=true\" api-contacts api");
            assertTrue(registered, registered.contains("as api:api-contacts"));
            String registration = "api:api-contacts";
            JobRun first = awaitRun(registration, r -> r.actionsSucceeded() == contacts);
            assertEquals(first.message(), 0, first.actionsFailed());
            List<Map<String, Object>> rows = registrations.peek(registration, "contacts-writer", 2 * contacts);
            assertEquals(contacts, rows.size());

            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api.url() + "/contacts/7")).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"seven@example.com\", \"updatedAt\": \"2026-12-07T00:00:00Z\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JobRun changed = awaitRun(registration, r -> r.id() > first.id() && r.actionsSucceeded() == 1);
            assertEquals("the changed item and the one at the cursor were read, not the whole resource", 2,
                    changed.rowsRead());
            Map<String, Object> seven = rowsByKey(registration, "contacts-writer", "ID").get(7L);
            assertEquals("seven@example.com", seven.get("EMAIL"));
            assertEquals("an object field, nested through the flow and stored as JSON", Map.of("kept", true), seven.get("EXTRA"));
            assertEquals("a member of it, picked by jq", true, seven.get("KEPT"));
            registrations.remove(registration, "itest");
        } finally {
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * A RabbitMQ queue into a table: the amqp connector consumes the queue's JSON messages, and the broker holds each
     * one until the platform has stored its record; what arrives later goes in the next run.
     */
    @Test
    public void aQueuesMessagesMoveIntoATableAndLeaveTheQueueOnceStored() throws Exception {
        assertTrue(shell("ferry:connector-list").contains("amqp"));
        String queue = "ferry-itest-" + java.util.UUID.randomUUID();
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri("amqp://127.0.0.1:5672/%2F");
        String descriptor = """
                {"format": 2, "id": "queued-orders", "version": "1.0.0", "name": "Orders from a queue",
                 "connectors": ["amqp", "jdbc"],
                 "configs": [{"name": "brokerUrl", "type": "uri"}, {"name": "brokerPassword", "type": "string", "secret": true},
                             {"name": "queue", "type": "string"}, {"name": "targetUrl", "type": "uri"}],
                 "services": [
                   {"id": "orders-reader", "connector": "amqp", "module": "queue", "type": "cache-writer",
                    "mode": "incremental", "connection": {"url": "{{brokerUrl}}", "password": "{{brokerPassword}}"},
                    "object": {"name": "orders", "fields": [{"name": "id", "type": "integer", "required": true},
                               {"name": "total", "type": "decimal"}], "primaryKey": ["id"],
                               "options": {"queue": "{{queue}}", "ackEvery": "100"}}},
                   {"id": "orders-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                    "connection": {"url": "{{targetUrl}}"},
                    "object": {"name": "orders", "fields": [{"name": "ID", "type": "integer", "required": true},
                               {"name": "TOTAL", "type": "decimal"}],
                               "primaryKey": ["ID"], "options": {"table": "QUEUED_ORDERS", "createTable": "true"}}}],
                 "flows": [{"id": "orders-to-table", "from": {"service": "orders-reader", "events": ["inserted", "updated"]},
                            "stages": [{"map": {"ID": "id", "TOTAL": "total"}}],
                            "to": {"service": "orders-writer", "operation": "upsert"}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "10s"}, "steps": ["orders-reader", "orders-writer"]}]}
                """;
        Path jar = productJar("itest.queued-orders", descriptor);
        Bundle product = bundles.installBundle(jar.toUri().toString());
        try (com.rabbitmq.client.Connection broker = factory.newConnection("itest");
             com.rabbitmq.client.Channel channel = broker.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (int i = 1; i <= 1_000; i++) {
                channel.basicPublish("", queue, null, ("{\"id\": " + i + ", \"total\": " + i + ".25}").getBytes(StandardCharsets.UTF_8));
            }
            product.start();
            shell("ferry:workspace-create queued");
            String registration = registrations.register(new NewRegistration("queued-orders", null, "queued", Map.of(
                    "brokerUrl", "amqp://127.0.0.1:5672/%2F", "brokerPassword", "guest", "queue", queue,
                    "targetUrl", "jdbc:derby:" + Files.createTempDirectory("ferry-queued") + "/db;create=true"), null),
                    "itest").id();
            JobRun first = awaitRun(registration, r -> r.actionsSucceeded() == 1_000);
            assertEquals(first.message(), 0, first.actionsFailed());
            assertEquals("every message acknowledged once stored", 0, await(() -> {
                try {
                    int ready = channel.queueDeclarePassive(queue).getMessageCount();
                    return ready == 0 ? ready : null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).intValue());
            channel.basicPublish("", queue, null, "{\"id\": 7, \"total\": 70.5}".getBytes(StandardCharsets.UTF_8));
            awaitRun(registration, r -> r.id() > first.id() && r.actionsSucceeded() == 1);
            Map<Long, Map<String, Object>> rows = registrations.peek(registration, "orders-writer", 2_000).stream()
                    .collect(Collectors.toMap(r -> ((Number) r.get("ID")).longValue(), r -> r));
            assertEquals(1_000, rows.size());
            assertEquals(0, new java.math.BigDecimal("70.5").compareTo(new java.math.BigDecimal(rows.get(7L).get("TOTAL").toString())));
            registrations.remove(registration, "itest");
            channel.queueDelete(queue);
        } finally {
            product.uninstall();
            Files.deleteIfExists(jar);
        }
    }

    /**
     * The archetype's round trip: the connector project {@code mvn archetype:generate} made (and the archetype's test
     * built, contract test included) installs into the running platform, shows in the catalog, and moves records.
     */
    @Test
    public void aConnectorMadeFromTheArchetypeInstallsAndMovesRecords() throws Exception {
        Path jar = Path.of(System.getProperty(EXAMPLE_CONNECTOR));
        assertTrue(jar + " was built by the archetype's test", Files.exists(jar));
        // installed while a registration runs its schedule, as on a platform in use
        shell("ferry:workspace-create busy");
        String busy = registrations.register(new NewRegistration("customer-sync-demo", null, "busy",
                Map.of("inbox", Files.createTempDirectory("busy-inbox").toString()), null), "itest").id();
        assertEquals("running", registrations.get(busy).runtime());
        long installing = System.nanoTime();
        Bundle connector = bundles.installBundle(jar.toUri().toString());
        Path source = Files.createTempDirectory("ferry-example-crm");
        Path product = null;
        Bundle productBundle = null;
        try {
            connector.start();
            String shown = await(() -> {
                try {
                    String s = shell("ferry:connector-show example-crm");
                    return s.contains("1.0.0") ? s : null;
                } catch (Exception notYet) {
                    return null; // "no connector example-crm" until its component is up
                }
            });
            long usableMillis = (System.nanoTime() - installing) / 1_000_000;
            assertTrue(shown, shown.contains("Example Corp") && shown.contains("items") && shown.contains("folder"));
            System.out.println("[archetype] example-crm usable " + usableMillis + " ms after bundle:install, with "
                    + registrations.get(busy).id() + " running");

            Files.createDirectories(source.resolve("contacts"));
            for (int i = 1; i <= 50; i++) {
                Files.writeString(source.resolve("contacts/" + i + ".properties"), "id=" + i + "\nname=Contact " + i + "\n");
            }
            product = productJar("itest.crm-contacts", """
                    {"format": 2, "id": "crm-contacts", "version": "1.0.0", "name": "Contacts from the example CRM",
                     "connectors": [{"id": "example-crm", "version": "[1.0.0,2.0.0)"}, "jdbc"],
                     "configs": [{"name": "crmFolder", "type": "path"}, {"name": "targetUrl", "type": "uri"}],
                     "services": [
                       {"id": "contacts-reader", "connector": "example-crm", "module": "items", "type": "cache-writer",
                        "mode": "full", "connection": {"folder": "{{crmFolder}}"},
                        "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                                   {"name": "name", "type": "string"}], "primaryKey": ["id"]}},
                       {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                        "connection": {"url": "{{targetUrl}}"},
                        "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                                   {"name": "NAME", "type": "string"}],
                                   "primaryKey": ["ID"], "options": {"table": "CRM_CONTACTS", "createTable": "true"}}}],
                     "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader", "events": ["inserted", "updated"]},
                                "stages": [{"map": {"ID": "id", "NAME": "name"}}],
                                "to": {"service": "contacts-writer", "operation": "upsert"}}],
                     "jobs": [{"id": "sync", "schedule": {"every": "10s"}, "steps": ["contacts-reader", "contacts-writer"]}]}
                    """);
            productBundle = bundles.installBundle(product.toUri().toString());
            productBundle.start();
            shell("ferry:workspace-create example-crm");
            String registration = registrations.register(new NewRegistration("crm-contacts", null, "example-crm", Map.of(
                    "crmFolder", source.toString(),
                    "targetUrl", "jdbc:derby:" + Files.createTempDirectory("ferry-crm") + "/db;create=true"), null),
                    "itest").id();
            JobRun moved = awaitRun(registration, r -> r.actionsSucceeded() == 50);
            assertEquals(moved.message(), 0, moved.actionsFailed());
            assertEquals("Contact 7", rowsByKey(registration, "contacts-writer", "ID").get(7L).get("NAME"));
            registrations.remove(registration, "itest");
        } finally {
            registrations.remove(busy, "itest");
            if (productBundle != null) {
                productBundle.uninstall();
            }
            if (product != null) {
                Files.deleteIfExists(product);
            }
            connector.uninstall();
        }
    }

    @Test
    public void connectorsAndProductsComeAndGoInTheRunningPlatform() throws Exception {
        shell("ferry:workspace-create hot");
        String id = registrations.register(new NewRegistration("customer-sync-demo", null, "hot",
                Map.of("inbox", Files.createTempDirectory("hot-inbox").toString()), null), "itest").id();
        assertEquals("running", registrations.get(id).runtime());

        Bundle jdbc = List.of(bundles.getBundles()).stream()
                .filter(b -> "dev.ferry.connector.jdbc".equals(b.getSymbolicName())).findFirst().orElseThrow();
        jdbc.stop();
        assertEquals("waiting: connector missing: connector 'jdbc' is not installed", registrations.get(id).runtime());
        jdbc.start();
        await(() -> registrations.get(id).runtime().equals("running") ? id : null);

        features.uninstallFeature("customer-sync-demo", "1.0.0");
        await(() -> registrations.get(id).runtime().contains("product customer-sync-demo 1.0.0 is not installed") ? id : null);
        assertTrue(shell("ferry:product-list").contains("unavailable: the product's bundle is not active"));
        features.installFeature("customer-sync-demo", "1.0.0");
        await(() -> registrations.get(id).runtime().equals("running") ? id : null);
        List<String> actions = activity.query(new ActivityQuery("customer-sync-demo", null, null, null, null, 500)).stream()
                .map(ActivityEntry::action).collect(Collectors.toList());
        assertTrue(actions.toString(), actions.containsAll(List.of("product.unloaded", "product.loaded")));

        assertTrue(shell("ferry:registration-remove " + id).contains("Registration hot:customer-sync-demo removed"));
        assertError("ferry:registration-remove " + id, "no registration 'hot:customer-sync-demo'");
    }

    @Test
    public void schedulesLiveInQuartzJdbcJobStoreInTheStore() throws Exception {
        Object jobStore = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("quartz:type=QuartzScheduler,name=ferry,instance=NON_CLUSTERED"), "JobStoreClassName");
        assertEquals("org.quartz.impl.jdbcjobstore.JobStoreTX", jobStore);
        assertEquals("the store's migrations ran", 1, count("select count(*) from DATABASECHANGELOG where ID = 'quartz-tables'"));

        shell("ferry:workspace-create sched");
        String id = registrations.register(new NewRegistration("customer-sync-demo", null, "sched",
                Map.of("inbox", Files.createTempDirectory("sched-inbox").toString()), null), "itest").id();
        assertEquals(1, count("select count(*) from FERRY_QRTZ_TRIGGERS where SCHED_NAME = 'ferry' and TRIGGER_GROUP = 'ferry' "
                + "and TRIGGER_NAME = 'sched.customer-sync-demo.sync'"));
        JobRun scheduled = await(() -> runs.list(new RunQuery(id, null, "sync", 5)).stream()
                .filter(r -> r.trigger().equals("schedule")).findFirst().orElse(null));
        assertNotNull("a scheduled run knows when its schedule meant it to start", scheduled.scheduledAt());
        assertTrue(http("GET", "/runs?registration=" + id, null, 200).contains("\"scheduledAt\":\""));

        registrations.remove(id, "itest");
        assertEquals("no Quartz trigger or job is left of a removed registration", 0,
                count("select count(*) from FERRY_QRTZ_TRIGGERS where TRIGGER_NAME like 'sched.customer-sync-demo.%'")
                        + count("select count(*) from FERRY_QRTZ_JOB_DETAILS where JOB_NAME like 'sched.customer-sync-demo.%'"));
    }

    @Test
    public void registerRefusesBadInputAndStoresNothing() throws Exception {
        shell("ferry:workspace-create beta");
        int before = registrations.list(null).size();
        assertError("ferry:register no-such-product beta", "no product 'no-such-product'");
        assertError("ferry:register customer-sync-demo no-such-workspace", "no workspace 'no-such-workspace'");
        assertError("ferry:register customer-sync-demo beta --config colour=blue", "config colour: is not a known setting");
        assertError("ferry:register customer-sync-demo beta --config targetUrl=not-a-url", "config targetUrl: 'not-a-url' is not an absolute URI");
        assertError("ferry:register customer-sync-demo beta --config inbox", "--config: 'inbox' is not name=value");
        assertError("ferry:register customer-sync-demo beta --config colour=blue --config targetTable=bad-name",
                "config colour: is not a known setting");
        assertError("ferry:register customer-sync-demo beta --config colour=blue --config targetTable=bad-name",
                "config targetTable: "); // every problem at once, named after the config the user typed
        assertError("ferry:register customer-sync-demo beta --config targetTable=bad-name",
                "(service customers-writer object option 'table')");
        String missing = Path.of(System.getProperty("java.io.tmpdir"), "no", "such", "inbox").toString();
        assertError("ferry:register customer-sync-demo beta --config inbox=" + missing, "config inbox: service"
                + " customers-reader (file) cannot work with it: directory " + missing + " does not exist");
        assertError("ferry:register customer-sync-demo beta --config inbox=/no/such/inbox", "config inbox: '/no/such/inbox'"
                + " is outside the folders workspace beta may use");
        assertError("ferry:register customer-sync-demo beta --config inbox=relative/inbox", "config inbox: ");
        assertError("ferry:workspace-create Not_A_Slug", "name: 'Not_A_Slug' must be");
        assertEquals(before, registrations.list(null).size());
    }

    /**
     * A registration that cannot work is refused, or with --no-test made and shown failing; while its runs keep failing
     * it is shown failing since when and why, said once in the log rather than at every tick, and its schedule backs
     * off; a run that goes through makes it healthy again. A default folder is the workspace's own, made by Ferry.
     */
    @Test
    public void aFailingRegistrationIsShownFailingSaidOnceAndBacksOff() throws Exception {
        shell("ferry:workspace-create ill");
        String id = "ill:customer-sync-demo";
        Path inbox = Files.createTempDirectory("ferry-ill").resolve("inbox");
        String registered = shell("ferry:register customer-sync-demo ill --config inbox=" + inbox + " --no-test");
        assertTrue(registered, registered.contains("Failing: connection test failed: service customers-reader: directory "
                + inbox + " does not exist"));
        Registration r = registrations.get(id);
        assertTrue(r.health().failing());
        assertTrue(r.runtime(), r.runtime().startsWith("failing since "));

        JobRun failed = awaitRun(id, run -> run.status() == RunStatus.FAILED);
        Thread.sleep(25_000); // two and a half schedule periods: the schedule backs off 30 s after a failure
        List<JobRun> all = runs.list(new RunQuery(id, null, "sync", 100));
        assertEquals("no scheduled run after the failure while the schedule backs off: " + all, 1, all.size());
        assertEquals(failed.id(), all.get(0).id());
        assertTrue(registrations.get(id).health().reason(), registrations.get(id).health().reason().contains("does not exist"));
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        List<String> said = Files.readAllLines(log).stream().filter(l -> l.contains("Registration " + id + " in workspace ill is"))
                .toList();
        assertEquals(said.toString(), 1, said.size()); // "is still failing, now: …" once: the run's reason replaced the test's
        assertTrue(said.get(0), said.get(0).contains("WARN") && said.get(0).contains("backs off"));

        Files.createDirectories(inbox);
        JobRun manual = startWhenFree(id, "sync");
        assertNotNull(await(() -> runs.get(manual.id()).status() == RunStatus.SUCCEEDED ? manual : null));
        Registration healed = registrations.get(id);
        assertEquals("ok", healed.health().state());
        assertEquals("running", healed.runtime());
        assertTrue(activity.query(new ActivityQuery("customer-sync-demo", "ill", null, null, null, 50)).stream()
                .anyMatch(e -> e.action().equals("registration.recovered")));
        registrations.remove(id, "itest");

        shell("ferry:workspace-create own");
        assertTrue(shell("ferry:register customer-sync-demo own").contains("running"));
        assertTrue(Files.isDirectory(Path.of(System.getProperty("karaf.data"), "ferry", "workspaces", "own", "demo", "inbox")));
        assertEquals(Path.of(System.getProperty("karaf.data"), "ferry", "workspaces", "own", "demo", "inbox").toString(),
                registrations.get("own:customer-sync-demo").config().get("inbox"));
        registrations.remove("own:customer-sync-demo", "itest");
    }

    /**
     * A secret config is encrypted at rest under an owner-only key, never shown, never logged (not even in the thread
     * names Karaf makes from command lines), given from a file rather than the command line, read back right after a
     * key rotation: nothing under data/ nor in the log holds it in clear after registering, running and updating.
     */
    @Test
    public void aSecretIsNeverInClearUnderDataNorInTheLog() throws Exception {
        String typed = "Typed-" + java.util.UUID.randomUUID();
        String fromFile = "FromFile-" + java.util.UUID.randomUUID();
        shell("ferry:workspace-create vault");
        String id = "vault:customer-sync-demo";
        Path inbox = Files.createTempDirectory("ferry-vault");
        shell("ferry:register customer-sync-demo vault --config inbox=" + inbox + " --config targetPassword=" + typed);
        assertEquals("****", registrations.get(id).config().get("targetPassword"));
        drop(inbox, "customers-1.csv", customers(1, 3, "Vault", "NL"));
        JobRun first = startWhenFree(id, "sync");
        assertNotNull(await(() -> runs.get(first.id()).status() == RunStatus.SUCCEEDED ? first : null));

        Path secretFile = Files.createTempFile("ferry-secret", ".txt");
        Files.writeString(secretFile, fromFile + "\n");
        String updated = shell("ferry:registration-update " + id + " --secret targetPassword=file:" + secretFile);
        assertTrue(updated, updated.matches("(?s).*config \\| targetPassword \\| changed \\| \\*{4} +\\| \\*{4}.*")
                && !updated.contains(fromFile));
        assertTrue(shell("ferry:secrets-rotate").contains("value(s) encrypted again"));
        String same = shell("ferry:registration-update " + id + " --preview --config targetPassword=" + fromFile);
        assertTrue("the value reads back after the rotation: " + same, same.contains("No changes."));
        drop(inbox, "customers-2.csv", customers(4, 5, "Vault", "NL"));
        JobRun second = startWhenFree(id, "sync");
        assertNotNull(await(() -> runs.get(second.id()).status() == RunStatus.SUCCEEDED ? second : null));
        String json = http("GET", "/registrations/" + id, null, 200);
        assertTrue(json, json.contains("\"targetPassword\":\"****\""));

        Path etc = Path.of(System.getProperty("karaf.etc"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(etc.resolve("ferry-secrets.key"))));
        Path data = Path.of(System.getProperty("karaf.data"));
        List<String> holding = new java.util.ArrayList<>();
        List<String> holdingInbox = new java.util.ArrayList<>(); // a value that is not secret: the scan finds what is there
        try (java.util.stream.Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    continue; // a lock file or a file going away
                }
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                if (text.contains(typed) || text.contains(fromFile)) {
                    holding.add(data.relativize(f).toString());
                }
                if (text.contains(inbox.toString())) {
                    holdingInbox.add(data.relativize(f).toString());
                }
            }
        }
        assertEquals("files under data/ holding a secret in clear", List.of(), holding);
        assertTrue("the store holds the (not secret) inbox: " + holdingInbox, holdingInbox.stream().anyMatch(f -> f.startsWith("ferry")));
        registrations.remove(id, "itest");
    }

    /**
     * A run can be cancelled (it ends cancelled, not failed, and the registration stays healthy); a workspace is
     * removed only once it has no registrations; ids that are not numbers are a 400; {@code since} takes a duration on
     * REST as in the shell.
     */
    @Test
    public void runsAreCancelledAndWorkspacesRemovedOverRest() throws Exception {
        http("POST", "/workspaces", "{\"name\":\"doomed\"}", 201);
        Path inbox = Files.createTempDirectory("ferry-doomed");
        String id = "doomed:customer-sync-demo";
        drop(inbox, "customers-1.csv", customers(1, 300_000, "Big", "NL"));
        http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"doomed\",\"config\":{\"inbox\":\""
                + inbox + "\"}}", 201);
        long runId = startOrJoin(id, "sync").id(); // its schedule's first run may come first, reading the same file
        String cancelled = http("POST", "/runs/" + runId + "/cancel", null, 202);
        assertTrue(cancelled, cancelled.contains("\"id\":" + runId));
        JobRun ended = await(() -> {
            JobRun r = runs.get(runId);
            return r.status() == RunStatus.RUNNING ? null : r;
        });
        assertEquals(ended.toString(), RunStatus.CANCELLED, ended.status());
        assertTrue(ended.message(), ended.message().startsWith("cancelled: cancelled by admin"));
        assertTrue(http("GET", "/runs/" + runId, null, 200).contains("\"status\":\"cancelled\""));
        assertTrue(http("POST", "/runs/" + runId + "/cancel", null, 409).contains("is not running (cancelled)"));
        assertEquals("ok", registrations.get(id).health().state());
        assertTrue(http("GET", "/runs/abc", null, 400).contains("'abc' is not a run id"));
        assertTrue(http("GET", "/activity?since=PT1H&workspace=doomed", null, 200).contains("job-run.cancelled"));
        assertTrue(http("GET", "/activity?since=yesterday", null, 400).contains("since"));

        String refused = http("DELETE", "/workspaces/doomed", null, 409);
        assertTrue(refused, refused.contains("still has 1 registration(s): " + id));
        http("DELETE", "/registrations/" + id, null, 204);
        http("DELETE", "/workspaces/doomed", null, 204);
        http("GET", "/workspaces/doomed", null, 404);
        http("DELETE", "/workspaces/doomed", null, 404);
        assertTrue(shell("ferry:workspace-create doomed2").contains("created"));
        assertTrue(shell("ferry:workspace-remove doomed2").contains("Workspace doomed2 removed"));
    }

    /**
     * Each role holds the rights of those below it, as {@code @RolesAllowed} and the shell's ACL say: an operator
     * runs, pauses and edits configs but registers nothing; a viewer reads records. A workspace's API token sees and
     * touches its own workspace only, is stored hashed, names itself in the activity log and stops at its revoke.
     */
    @Test
    public void operatorsOperateAndAWorkspaceTokenReachesOnlyItsWorkspace() throws Exception {
        for (String ws : List.of("tok-a", "tok-b")) {
            http("POST", "/workspaces", "{\"name\":\"" + ws + "\"}", 201);
            http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"" + ws
                    + "\",\"config\":{\"inbox\":\"" + Files.createTempDirectory("ferry-" + ws) + "\"}}", 201);
        }
        String a = "/registrations/tok-a:customer-sync-demo";
        String b = "/registrations/tok-b:customer-sync-demo";
        String operator = basic("runner:runner");

        // an operator runs, pauses, resumes and edits configs; registering, versions and workspaces take a manager
        assertEquals(202, call("POST", a + "/jobs/sync/runs", "", operator).status());
        assertEquals(200, call("POST", a + "/pause", "", operator).status());
        assertEquals(200, call("POST", a + "/resume", "", operator).status());
        Answer edited = call("PATCH", a, "{\"config\":{\"inbox\":\"" + Files.createTempDirectory("ferry-tok-a2") + "\"}}", operator);
        assertEquals(edited.body(), 200, edited.status());
        Answer version = call("PATCH", a, "{\"version\":\"1.0.0\"}", operator);
        assertEquals(version.body(), 403, version.status());
        assertTrue(version.body(), version.body().contains("takes the role manager"));
        Answer create = call("POST", "/workspaces", "{\"name\":\"nope\"}", operator);
        assertEquals(403, create.status());
        assertTrue(create.body(), create.body().contains("runner may not POST /workspaces: it takes the role manager (or a higher one)")
                && create.body().contains("\"status\":403"));
        assertEquals(403, call("POST", "/secrets/rotate", "", basic("boss:boss")).status());
        // a viewer reads records, but runs nothing
        assertEquals(200, call("GET", a + "/services/customers-reader/records", null, basic("auditor:auditor")).status());
        assertEquals(403, call("POST", a + "/jobs/sync/runs", "", basic("auditor:auditor")).status());

        // tokens: made by a manager, their secret shown once
        Answer issued = call("POST", "/workspaces/tok-a/tokens", "{\"name\":\"ci\",\"role\":\"operator\"}", basic("boss:boss"));
        assertEquals(issued.body(), 201, issued.status());
        String ci = "Bearer " + field(issued.body(), "secret");
        String ciId = field(issued.body(), "id");
        String viewerToken = "Bearer " + field(http("POST", "/workspaces/tok-a/tokens", "{\"name\":\"dash\"}", 201), "secret");
        String bToken = "Bearer " + field(http("POST", "/workspaces/tok-b/tokens", "{\"name\":\"ci\"}", 201), "secret");
        assertTrue(http("POST", "/workspaces/tok-a/tokens", "{\"name\":\"x\",\"role\":\"admin\"}", 400).contains("\"field\":\"role\""));
        assertTrue(http("POST", "/workspaces/tok-a/tokens", "{\"name\":\"ci\"}", 409).contains("has a token named 'ci'"));
        String listed = http("GET", "/workspaces/tok-a/tokens", null, 200);
        assertTrue(listed, listed.contains("\"name\":\"ci\"") && listed.contains("\"role\":\"operator\"")
                && !listed.contains("secret") && !listed.contains(ci.substring(7)));
        String secretHash = jdbcText("select secretHash from FERRY_API_TOKEN where id = " + ciId);
        assertEquals(64, secretHash.length());
        assertFalse(secretHash.contains(ci.substring(7)));

        // its own workspace only
        String mine = call("GET", "/registrations", null, ci).body();
        assertTrue(mine, mine.contains("tok-a:customer-sync-demo") && !mine.contains("tok-b") && !mine.contains("acme"));
        assertEquals(200, call("GET", a, null, ci).status());
        Answer other = call("GET", b, null, ci);
        assertEquals(403, other.status());
        assertTrue(other.body(), other.body().contains("token:tok-a/ci reaches only workspace 'tok-a', not 'tok-b'"));
        assertEquals(403, call("GET", "/registrations?workspace=tok-b", null, ci).status());
        assertEquals(403, call("POST", b + "/jobs/sync/runs", "", ci).status());
        assertEquals(403, call("GET", "/workspaces/tok-b", null, ci).status());
        assertEquals(403, call("GET", "/workspaces/tok-b/flows", null, ci).status());
        String workspacesSeen = call("GET", "/workspaces", null, ci).body();
        assertTrue(workspacesSeen, workspacesSeen.contains("tok-a") && !workspacesSeen.contains("tok-b"));
        for (String beyond : List.of("/products", "/connectors", "/rollouts", "/metrics", "/activity/verify", "/shared-flows")) {
            Answer refused = call("GET", beyond, null, ci);
            assertEquals(beyond + ": " + refused.body(), 403, refused.status());
            assertTrue(refused.body(), refused.body().contains("takes a user"));
        }
        JobRun bRun = startWhenFree("tok-b:customer-sync-demo", "sync");
        assertEquals(403, call("GET", "/runs/" + bRun.id(), null, ci).status());
        assertEquals(403, call("POST", "/runs/" + bRun.id() + "/cancel", "", ci).status());
        assertEquals(200, call("GET", "/runs/" + bRun.id(), null, bToken).status());
        String runsSeen = call("GET", "/runs", null, ci).body();
        assertTrue(runsSeen, runsSeen.contains("tok-a:customer-sync-demo") && !runsSeen.contains("tok-b"));
        // an operator token operates there; a viewer token only reads; no token manages
        Answer started = call("POST", a + "/jobs/sync/runs", "", ci);
        assertEquals(started.body(), 202, started.status());
        assertTrue(started.body(), started.body().contains("manual (token:tok-a/ci)"));
        assertEquals(200, call("POST", a + "/pause", "", ci).status());
        assertEquals(403, call("POST", a + "/resume", "", viewerToken).status());
        assertEquals(200, call("GET", a + "/services/customers-reader/records", null, viewerToken).status());
        assertEquals(403, call("POST", "/workspaces/tok-a/tokens", "{\"name\":\"more\"}", ci).status());
        assertEquals(403, call("DELETE", a, null, ci).status());
        // the activity log names the token, and a token reads its workspace's entries only
        String activity = call("GET", "/activity", null, viewerToken).body();
        assertTrue(activity, activity.contains("\"actor\":\"token:tok-a/ci\"") && activity.contains("token.issued")
                && !activity.contains("\"workspace\":\"tok-b\""));
        assertEquals(200, call("POST", a + "/resume", "", ci).status());

        // revoked, it signs nothing in; a wrong or malformed one neither
        assertTrue(http("DELETE", "/workspaces/tok-a/tokens/" + ciId, null, 200).contains("\"revokedAt\":\""));
        Answer revoked = call("GET", "/registrations", null, ci);
        assertEquals(401, revoked.status());
        assertTrue(revoked.body(), revoked.body().contains("unknown, wrong or revoked"));
        assertEquals(401, call("GET", "/registrations", null, ci.substring(0, ci.length() - 2) + "xx").status());
        assertEquals(401, call("GET", "/registrations", null, "Bearer nonsense").status());

        // the same from the shell, whose ACL keeps roles apart too
        String made = shell("ferry:token-create --role operator tok-b shell-made");
        assertTrue(made, made.contains("Token ") && made.contains("ferry_"));
        assertTrue(shell("ferry:token-list tok-b").contains("shell-made"));
        String madeId = made.replaceAll("(?s)^Token (\\d+) .*", "$1");
        assertTrue(shell("ferry:token-revoke tok-b " + madeId).contains("is revoked"));
        assertTrue(shellAs("viewer", "ferry:workspace-list").contains("tok-a"));
        // Karaf hides a command a role may not run at all, and refuses one whose arguments take another role
        shellFailsAs("viewer", "ferry:workspace-create not-allowed", "Command not found: ferry:workspace-create");
        shellFailsAs("operator", "ferry:registration-update tok-a:customer-sync-demo --version 1.0.0", "Insufficient credentials");
        assertTrue(shellAs("operator", "ferry:registration-pause tok-a:customer-sync-demo").length() > 0);
        shellAs("operator", "ferry:registration-resume tok-a:customer-sync-demo");
    }

    /**
     * The API describes itself: the OpenAPI document (JSON and YAML, no user needed) holds every path the tests here
     * call, with roles and problem+json errors, and Swagger UI at /docs renders it in headless Chromium (Debian's
     * chromium), leaving a screenshot in target/swagger-ui.png.
     */
    @Test
    public void theApiIsDescribedByOpenApiAndSwaggerUiShowsIt() throws Exception {
        Answer json = call("GET", "/openapi.json", null, "");
        assertEquals(json.body(), 200, json.status());
        for (String path : List.of("\"/registrations/{id}\"", "\"/workspaces/{name}/tokens\"", "\"/runs/{id}/cancel\"",
                "\"/activity/verify\"", "\"/health\"", "\"/metrics\"", "\"/connectors/{id}/discover\"")) {
            assertTrue(path, json.body().contains(path));
        }
        assertTrue(json.body().contains("\"openapi\" : \"3.0.1\""));
        assertTrue(json.body().contains("\"x-ferry-role\" : \"operator\""));
        assertTrue(json.body().contains("application/problem+json"));
        assertFalse(json.body().contains("dev.ferry"));
        Answer yaml = call("GET", "/openapi.yaml", null, "");
        assertEquals(200, yaml.status());
        assertTrue(yaml.body(), yaml.body().startsWith("openapi: 3.0.1"));
        Answer page = call("GET", "/docs", null, "");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("SwaggerUIBundle"));
        assertEquals(200, call("GET", "/docs/swagger-ui-bundle.js", null, "").status());
        assertEquals(401, call("GET", "/docs/nope.js", null, "").status());
        Answer unknown = call("GET", "/docs/nope.js", null, basic("admin:admin"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.body(), unknown.body().contains("no file 'nope.js'"));
        assertEquals(401, call("GET", "/docs/index.html", null, "").status());

        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(c -> Files.isExecutable(Path.of(c))).findFirst()
                .orElseThrow(() -> new AssertionError("Chromium is needed to check Swagger UI: apt-get install chromium"));
        String url = "http://localhost:" + HTTP_PORT + "/ferry/api/docs";
        // itests/target/swagger-ui.png (Karaf runs in itests/target/exam/<id>)
        Path target = Path.of(System.getProperty("karaf.base")).toAbsolutePath().getParent().getParent().resolve("swagger-ui.png");
        List<String> headless = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("chromium"), "--window-size=1280,2400",
                "--virtual-time-budget=20000");
        Process dom = new ProcessBuilder(concat(headless, "--dump-dom", url)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("Chromium did not finish", dom.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertTrue(rendered.length() > 1000 ? rendered.substring(0, 1000) : rendered, rendered.contains("opblock-summary-path"));
        assertTrue(rendered.contains("/registrations/{id}") && rendered.contains("Ferry REST API"));
        assertFalse(rendered.contains("Failed to load API definition"));
        Process shot = new ProcessBuilder(concat(headless, "--screenshot=" + target, url)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(shot.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertTrue(target + " was not written", Files.size(target) > 10_000);
        System.out.println("Swagger UI as headless Chromium showed it: " + target);
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * Karaf's shell ends a command at an unquoted ';': a value holding one is refused, saying to quote it, instead of
     * registering the part before it and running the rest as a command. Commands chained on purpose still run.
     */
    @Test
    public void aSemicolonInAnUnquotedValueIsRefusedNotCutShort() throws Exception {
        http("POST", "/workspaces", "{\"name\":\"semi\"}", 201);
        Path inbox = Files.createTempDirectory("ferry-semi");
        assertError("ferry:register customer-sync-demo semi --config inbox=" + inbox + ";b",
                "the line goes on after a ';', which ends a command in Karaf's shell, so 'b' would run as a command");
        http("GET", "/registrations/semi:customer-sync-demo", null, 404);
        String chained = shell("ferry:workspace-list; ferry:workspace-list");
        assertEquals(chained, 2, chained.split("semi", -1).length - 1);
        Files.createDirectories(inbox.resolve("a;b"));
        String quoted = shell("ferry:register customer-sync-demo semi --config 'inbox=" + inbox.resolve("a;b") + "'");
        assertTrue(quoted, quoted.contains("Registered"));
        assertTrue(http("GET", "/registrations/semi:customer-sync-demo", null, 200).contains("a;b"));
        http("DELETE", "/registrations/semi:customer-sync-demo", null, 204);
    }

    /**
     * Over 300 malformed or hostile requests across every resource, each refused with a 4xx problem+json that names
     * its cause, is bounded in size and names no internal class (Jetty's and CXF's own refusals included); and
     * nothing changed: the listings before and after are the same.
     */
    @Test
    public void malformedAndHostileRequestsAreRefusedCleanlyAndChangeNothing() throws Exception {
        for (String ws : List.of("fuzz-a", "fuzz-b")) {
            http("POST", "/workspaces", "{\"name\":\"" + ws + "\"}", 201);
            http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"" + ws
                    + "\",\"config\":{\"inbox\":\"" + Files.createTempDirectory("ferry-" + ws) + "\"}}", 201);
        }
        String tokenA = "Bearer " + field(http("POST", "/workspaces/fuzz-a/tokens", "{\"name\":\"fuzz\",\"role\":\"operator\"}", 201), "secret");
        String reg = "registrations/fuzz-a:customer-sync-demo";
        String regB = "registrations/fuzz-b:customer-sync-demo";
        JobRun runB = startWhenFree("fuzz-b:customer-sync-demo", "sync");
        String before = listings();

        RestFuzz fuzz = new RestFuzz(HTTP_PORT, RestFuzz.basic("admin", "admin"));
        // JSON bodies, and where each goes
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("POST workspaces", "name");
        bodies.put("POST registrations", "product");
        bodies.put("PATCH " + reg, "config");
        bodies.put("POST " + reg + "/preview", "config");
        bodies.put("POST " + reg + "/actions/retry", "ids");
        bodies.put("POST rollouts", "product");
        bodies.put("POST rollouts/preview", "product");
        bodies.put("POST connectors/file/discover", "connection");
        bodies.put("POST workspaces/fuzz-a/tokens", "name");
        bodies.put("PUT workspaces/fuzz-a/flows/customer-sync-demo/customers-to-table", "stages");
        bodies.put("POST products/validate", null);
        bodies.put("POST products", null);
        bodies.put("PUT products/fuzz-nope/versions/1.0.0", null);

        fuzz.kind("invalid JSON");
        for (String endpoint : bodies.keySet()) {
            String[] mp = endpoint.split(" ", 2);
            for (String broken : List.of("{", "[", "nul", "{\"a\":}", "{\"name\":\"x\"} trailing", "{'single':'quotes'}",
                    "\"just a string\"")) {
                // (a product draft or flow copy that is not there may be said first)
                fuzz.json(mp[0], mp[1], broken, mp[0].equals("PUT") ? 0 : 400, null);
            }
        }
        fuzz.kind("wrong content type");
        for (String endpoint : bodies.keySet()) {
            String[] mp = endpoint.split(" ", 2);
            fuzz.add(mp[0], mp[1], "text/plain", RestFuzz.utf8("{}"), 415, null);
            fuzz.add(mp[0], mp[1], "application/xml", RestFuzz.utf8("<workspace/>"), 415, null);
            fuzz.add(mp[0], mp[1], "application/x-www-form-urlencoded", RestFuzz.utf8("name=x"), 415, null);
            fuzz.add(mp[0], mp[1], "application/json; charset=utf-16", RestFuzz.utf8("{}"), 415, "charset");
        }
        fuzz.kind("wrong JSON type");
        for (String wrong : List.of("123", "true", "[]", "{}", "1.5")) {
            fuzz.json("POST", "workspaces", "{\"name\":" + wrong + "}", 400, "\"field\":\"name\"");
            fuzz.json("POST", "registrations", "{\"product\":" + wrong + ",\"workspace\":\"fuzz-a\"}", 400, "\"field\":\"product\"");
            fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":" + wrong + "}", 400, "\"field\":\"name\"");
        }
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\",\"type\":5}", 400, "type");
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\",\"description\":false}", 400, "description");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"config\":\"x\"}", 400, "config");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"config\":{\"inbox\":5}}", 400, "config.inbox");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"test\":\"no\"}", 400, "test");
        fuzz.json("PATCH", reg, "{\"config\":[]}", 400, "config");
        fuzz.json("PATCH", reg, "{\"paused\":\"yes\"}", 400, "paused");
        fuzz.json("PATCH", reg, "{\"jobs\":5}", 400, "jobs");
        fuzz.json("PATCH", reg, "{\"version\":1}", 400, "version");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"t\",\"role\":true}", 400, "role");
        fuzz.json("POST", "rollouts", "{\"product\":\"customer-sync-demo\",\"version\":\"1.0.0\",\"canaryPercent\":\"x\"}", 400, "canaryPercent");
        fuzz.json("POST", "rollouts", "{\"product\":\"customer-sync-demo\",\"version\":\"1.0.0\",\"registrations\":\"a\"}", 400, "registrations");
        fuzz.json("POST", reg + "/actions/retry", "{\"ids\":\"x\"}", 400, "ids");
        fuzz.json("POST", reg + "/actions/retry", "{\"ids\":[\"a\"]}", 400, "ids");
        fuzz.json("POST", "connectors/file/discover", "{\"connection\":\"x\"}", 400, "connection");
        fuzz.json("POST", "connectors/file/discover", "{\"connection\":{\"folder\":7}}", 400, "connection");

        fuzz.kind("missing or unknown field");
        fuzz.json("POST", "workspaces", "{}", 400, "name");
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\",\"bogus\":1}", 400, "bogus");
        fuzz.json("POST", "registrations", "{}", 400, null);
        fuzz.json("POST", "registrations", "{\"workspace\":\"fuzz-a\"}", 400, "product");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\"}", 400, "workspace");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"bogus\":true}", 400, "bogus");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-x\",\"config\":{\"nope\":\"1\"}}", 0, null);
        fuzz.json("PATCH", reg, "{\"bogus\":1}", 400, "bogus");
        fuzz.json("PATCH", reg, "{\"config\":{\"nope\":\"1\"}}", 400, "nope");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{}", 400, "name");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"t\",\"bogus\":1}", 400, "bogus");
        fuzz.json("POST", "rollouts", "{}", 400, null);
        fuzz.json("POST", reg + "/actions/retry", "{}", 400, "ids");
        fuzz.add("POST", "workspaces", "application/json", new byte[0], 400, null);
        fuzz.add("POST", "registrations", "application/json", new byte[0], 400, null);

        fuzz.kind("large body");
        String mega = "x".repeat(1_000_000);
        fuzz.json("POST", "workspaces", "{\"name\":\"" + mega + "\"}", 400, "name");
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\",\"description\":\"" + mega + "\"}", 400, "description");
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"config\":{\"inbox\":\"" + mega + "\"}}", 0, "inbox");
        StringBuilder keys = new StringBuilder("{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"config\":{");
        for (int i = 0; i < 50_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        fuzz.json("POST", "registrations", keys.append("}}").toString(), 400, "more problem");
        byte[] twenty = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(twenty, (byte) ' ');
        twenty[0] = '{';
        twenty[twenty.length - 1] = '}';
        fuzz.add("POST", "workspaces", "application/json", twenty, 413, "4 MiB");
        fuzz.add("POST", "products", "application/json", twenty, 413, "4 MiB");

        fuzz.kind("long name");
        String tenK = "n".repeat(10_000);
        fuzz.json("POST", "workspaces", "{\"name\":\"" + tenK + "\"}", 400, "name");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"" + tenK + "\"}", 400, "name");
        fuzz.json("POST", "registrations", "{\"product\":\"" + tenK + "\",\"workspace\":\"fuzz-a\"}", 0, null);
        fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"" + tenK + "\"}", 0, null);
        // (in a path, 10,000 characters are more than the HTTP server reads: 414)
        fuzz.get("workspaces/" + tenK, 414, "too long");
        fuzz.get("registrations/" + tenK, 414, "too long");
        fuzz.get("products/" + tenK.substring(0, 2_000), 404, null);
        fuzz.get("connectors/" + tenK.substring(0, 2_000), 404, null);
        fuzz.get("runs?registration=x&limit=" + tenK.substring(0, 2_000), 400, "limit");

        fuzz.kind("control characters");
        for (String control : List.of("\\u0000", "\\n", "\\t", "\\u001b[31m", "\\r", "\\u007f")) {
            fuzz.json("POST", "workspaces", "{\"name\":\"fuzz" + control + "\"}", 400, "name");
            fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"t" + control + "\"}", 400, "name");
        }
        for (String control : List.of("%00", "%0a", "%0d", "%1b", "%7f")) {
            fuzz.get("workspaces/fuzz" + control, 0, null);
            fuzz.get("registrations/fuzz-a" + control, 0, null);
        }

        fuzz.kind("path traversal");
        fuzz.get("/ferry/api/../../etc/passwd", 0, null);
        fuzz.get("/ferry/api/%2e%2e/%2e%2e/etc/passwd", 0, null);
        fuzz.get("/ferry/api/workspaces/..%2f..%2fetc%2fpasswd", 0, null);
        fuzz.get("/ferry/api/..;/..;/etc/passwd", 0, null);
        fuzz.get("/ferry/api/workspaces/%2e%2e", 0, null);
        fuzz.get("/ferry/api/docs/..%2f..%2f..%2fetc%2fpasswd", 0, null);
        fuzz.get("/ferry/../etc/passwd", 0, null);
        fuzz.get("/ferry/nope", 404, "/ferry/api");
        fuzz.get("/nope", 404, null);
        for (String folder : List.of("/etc", "/proc/self", "../../etc", "/tmp/../etc")) {
            fuzz.json("POST", "registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"fuzz-a\",\"config\":{\"inbox\":\"" + folder + "\"}}", 0, "inbox");
            fuzz.json("PATCH", reg, "{\"config\":{\"inbox\":\"" + folder + "\"}}", 400, "inbox");
        }

        fuzz.kind("quotes and markup");
        for (String hostile : List.of("\\\"quoted\\\"", "<script>alert(1)</script>", "'; DROP TABLE FERRY_WORKSPACE; --",
                "${jndi:ldap://x/a}", "{{7*7}}", "%s%s%n")) {
            fuzz.json("POST", "workspaces", "{\"name\":\"" + hostile + "\"}", 400, "name");
            fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"" + hostile + "\"}", 400, "name");
            String encoded = java.net.URLEncoder.encode(hostile.replace("\\\"", "\""), StandardCharsets.UTF_8).replace("+", "%20");
            fuzz.get("workspaces/" + encoded, 404, null);
            fuzz.get("runs/" + encoded, 400, "run id");
        }

        fuzz.kind("unknown id");
        fuzz.get("workspaces/fuzz-nope", 404, "fuzz-nope");
        fuzz.get("registrations/fuzz-a:nope", 404, null);
        fuzz.get("registrations/nope", 404, null);
        fuzz.get("runs/99999999", 404, null);
        fuzz.get("rollouts/99999999", 404, null);
        fuzz.get("products/nope", 404, null);
        fuzz.get("products/customer-sync-demo?version=9.9.9", 404, null);
        fuzz.get("connectors/nope", 404, null);
        fuzz.get("workspaces/fuzz-nope/tokens", 404, null);
        fuzz.add("DELETE", "workspaces/fuzz-a/tokens/99999999", null, null, 404, null);
        fuzz.add("DELETE", "workspaces/fuzz-a/tokens/abc", null, null, 400, "token id");
        fuzz.get("registrations/fuzz-a:customer-sync-demo/services/nope/records", 404, null);
        fuzz.add("POST", reg + "/jobs/nope/runs", null, null, 404, "nope");
        fuzz.add("POST", reg + "/actions/99999999/retry", null, null, 0, null);
        fuzz.add("POST", "runs/99999999/cancel", null, null, 404, null);
        fuzz.get("workspaces/fuzz-a/flows/nope/nope", 404, null);
        fuzz.get("products/nope/versions/1.0.0/draft", 404, null);
        fuzz.get("runs/abc", 400, "run id");
        fuzz.get("rollouts/abc", 400, null);
        fuzz.get("runs?limit=0", 400, "limit");
        fuzz.get("runs?limit=lots", 400, "limit");
        fuzz.get("activity?since=yesterday", 400, "since");
        fuzz.get("activity?until=soon", 400, "until");
        fuzz.get("registrations/fuzz-a:customer-sync-demo/actions?status=nope", 400, "status");

        fuzz.kind("wrong method");
        fuzz.add("PUT", "workspaces", "application/json", RestFuzz.utf8("{}"), 405, null);
        fuzz.add("DELETE", "products", null, null, 405, null);
        fuzz.add("PATCH", "runs", "application/json", RestFuzz.utf8("{}"), 405, null);
        fuzz.add("POST", "health", null, null, 0, null);
        fuzz.add("PUT", "registrations", "application/json", RestFuzz.utf8("{}"), 405, null);
        fuzz.add("DELETE", "activity", null, null, 405, null);
        fuzz.add("POST", "metrics", null, null, 405, null);
        fuzz.add("PATCH", "workspaces/fuzz-a", "application/json", RestFuzz.utf8("{}"), 405, null);
        fuzz.add("GET", "secrets/rotate", null, null, 405, null);
        fuzz.add("DELETE", "connectors/file", null, null, 405, null);
        fuzz.add("PUT", "runs/1/cancel", "application/json", RestFuzz.utf8("{}"), 405, null);
        fuzz.add("POST", "openapi.json", null, null, 0, null);

        fuzz.kind("missing or wrong sign-in");
        List<String> readable = List.of("workspaces", "registrations", "runs", "products", "connectors", "rollouts",
                "activity", "metrics", "shared-flows", "schemas/product", reg, "workspaces/fuzz-a/tokens", "activity/verify");
        fuzz.as(null);
        for (String path : readable) {
            fuzz.get(path, 401, "Unauthorized");
        }
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\"}", 401, null);
        for (int i = 0; i < 8; i++) {
            fuzz.as(RestFuzz.basic("fuzz-user-" + i, "wrong")).get(readable.get(i), 401, null);
        }
        for (String bad : List.of("Basic !!!", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
                "Digest username=\"admin\"", "Bearer", "Bearer ferry_1_" + "A".repeat(43), "Bearer ../../etc/passwd", "basic")) {
            fuzz.as(bad).get("workspaces", 401, null);
        }
        fuzz.kind("role too low").as(RestFuzz.basic("auditor", "auditor"));
        fuzz.json("POST", "workspaces", "{\"name\":\"fuzz-x\"}", 403, "manager");
        fuzz.add("DELETE", reg, null, null, 403, "manager");
        fuzz.add("POST", reg + "/jobs/sync/runs", null, null, 403, "operator");
        fuzz.add("POST", reg + "/pause", null, null, 403, "operator");
        fuzz.json("PATCH", reg, "{\"paused\":true}", 403, "operator");
        fuzz.add("POST", "secrets/rotate", null, null, 403, "admin");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"t\"}", 403, "manager");
        fuzz.add("POST", "runs/" + runB.id() + "/cancel", null, null, 403, "operator");
        fuzz.json("POST", "connectors/file/discover", "{\"connection\":{}}", 403, "manager");
        fuzz.add("DELETE", "workspaces/fuzz-b", null, null, 403, "manager");

        fuzz.kind("token for another workspace").as(tokenA);
        fuzz.get("workspaces/fuzz-b", 403, "fuzz-b");
        fuzz.get(regB, 403, "fuzz-b");
        fuzz.get("registrations?workspace=fuzz-b", 403, "fuzz-b");
        fuzz.get("runs?workspace=fuzz-b", 403, "fuzz-b");
        fuzz.get("runs/" + runB.id(), 403, "fuzz-b");
        fuzz.get("activity?workspace=fuzz-b", 403, "fuzz-b");
        fuzz.add("POST", regB + "/jobs/sync/runs", null, null, 403, "fuzz-b");
        fuzz.add("POST", regB + "/pause", null, null, 403, "fuzz-b");
        fuzz.json("PATCH", regB, "{\"paused\":true}", 403, "fuzz-b");
        fuzz.add("POST", "runs/" + runB.id() + "/cancel", null, null, 403, "fuzz-b");
        fuzz.get("workspaces/fuzz-b/flows", 403, "fuzz-b");
        fuzz.get("products", 403, "takes a user");
        fuzz.get("activity/verify", 403, "takes a user");
        fuzz.json("POST", "workspaces/fuzz-a/tokens", "{\"name\":\"t\"}", 403, "manager");

        fuzz.kind("HTTP server").as(RestFuzz.basic("admin", "admin"));
        fuzz.get("workspaces?x=" + "a".repeat(20_000), 414, "too long");
        fuzz.get("/ferry/api/" + "a".repeat(9_000), 414, null);
        fuzz.add("GET", "workspaces", null, null, Map.of("X-Filler", "f".repeat(20_000)), 431, null);
        fuzz.get("/ferry/api/work%00spaces", 400, null);
        fuzz.add("POST", "workspaces", null, null, Map.of("Content-Length", "abc"), 400, null);

        Map<String, Integer> byKind = new LinkedHashMap<>();
        List<String> wrong = new java.util.ArrayList<>();
        for (RestFuzz.Case c : fuzz.cases()) {
            byKind.merge(c.kind(), 1, Integer::sum);
            String problem = RestFuzz.check(c, fuzz.send(c));
            if (problem != null) {
                wrong.add(problem);
            }
        }
        System.out.println("Fuzzed " + fuzz.cases().size() + " requests: " + byKind);
        assertTrue(fuzz.cases().size() + " requests", fuzz.cases().size() >= 300);
        assertTrue(wrong.size() + " of " + fuzz.cases().size() + " refusals are wrong:\n" + String.join("\n", wrong), wrong.isEmpty());
        assertEquals(before, listings());
    }

    /** What a REST client sees: workspaces, registrations, products, rollouts, tokens, drafts, by their ids. */
    private String listings() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/workspaces", "/registrations", "/products", "/rollouts?limit=1000", "/products/drafts",
                "/workspaces/fuzz-a/tokens", "/workspaces/fuzz-b/tokens", "/workspaces/fuzz-a/flows")) {
            java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"(id|name|revokedAt|edited|paused|config)\":(\"[^\"]*\"|\\{[^}]*}|true|false|[0-9]+)")
                    .matcher(http("GET", path, null, 200));
            all.append(path).append(':');
            while (ids.find()) {
                all.append(ids.group()).append(',');
            }
            all.append('\n');
        }
        return all.toString();
    }

    /**
     * Every list pages the same way: at most {@code limit} items, and a Link (rel="next") whose {@code after} cursor
     * continues where the page ended, until the last page, which has none; the pages together are the whole list.
     */
    @Test
    public void everyListPagesWithACursor() throws Exception {
        for (int i = 1; i <= 5; i++) {
            http("POST", "/workspaces", "{\"name\":\"page-" + i + "\"}", 201);
        }
        String admin = basic("admin:admin");
        List<String> whole = names(call("GET", "/workspaces", null, admin).body(), "name");
        List<String> paged = new java.util.ArrayList<>();
        String next = "/workspaces?limit=2";
        int pages = 0;
        while (next != null) {
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(next.startsWith("http") ? next
                                    : "http://localhost:" + HTTP_PORT + "/ferry/api" + next))
                            .header("Authorization", admin).header("Accept", "application/json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(page.body(), 200, page.statusCode());
            List<String> names = names(page.body(), "name");
            assertTrue(names.toString(), names.size() <= 2);
            paged.addAll(names);
            pages++;
            next = page.headers().firstValue("Link").map(l -> l.replaceAll("^<(.*)>; rel=\"next\"$", "$1")).orElse(null);
            if (next != null) {
                assertEquals(names.get(names.size() - 1), page.headers().firstValue("X-Next-Cursor").orElseThrow());
            }
        }
        assertEquals(whole, paged);
        assertEquals((whole.size() + 1) / 2, pages);
        assertTrue(paged.containsAll(List.of("page-1", "page-2", "page-3", "page-4", "page-5")));

        // runs and activity, newest first, by id
        for (String list : List.of("/runs", "/activity")) {
            java.net.http.HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + HTTP_PORT + "/ferry/api" + list + "?limit=3"))
                            .header("Authorization", admin).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            List<String> ids = names(first.body(), "id");
            String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow(() -> new AssertionError(list + ": no next page"));
            assertEquals(ids.get(2), cursor);
            List<String> second = names(call("GET", list + "?limit=3&after=" + cursor, null, admin).body(), "id");
            assertTrue(list + ": " + ids + " then " + second, Long.parseLong(second.get(0)) < Long.parseLong(cursor));
        }
        assertTrue(http("GET", "/runs?after=yesterday", null, 400).contains("\"field\":\"after\""));
        assertTrue(http("GET", "/workspaces?limit=1001", null, 400).contains("between 1 and 1000"));
    }

    /** The values of a member at the top level of each object of a JSON list, in order. */
    private static List<String> names(String json, String member) {
        List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^\\[|},)\\{\"" + member + "\":\"?([^\",]*)\"?").matcher(json);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Every list and show command fits 120 columns by default, with data in it; none prints colour codes. */
    @Test
    public void everyTableFitsIn120Columns() throws Exception {
        http("POST", "/workspaces", "{\"name\":\"narrow\",\"description\":\"a workspace whose tables are checked for width, with a"
                + " description long enough to need cutting or wrapping in any table that shows it\"}", 201);
        Path inbox = Files.createTempDirectory("ferry-narrow");
        drop(inbox, "customers-1.csv", customers(1, 20, "A rather long customer name to stretch the records table", "NL"));
        http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"narrow\",\"config\":{\"inbox\":\""
                + inbox + "\"}}", 201);
        String reg = "narrow:customer-sync-demo";
        await(() -> runs.list(new RunQuery(reg, null, "sync", 1)).stream().anyMatch(r -> r.status() != RunStatus.RUNNING) ? true : null);
        http("POST", "/workspaces/narrow/tokens", "{\"name\":\"a-token-with-a-long-descriptive-name-for-a-script\",\"role\":\"operator\"}", 201);
        long run = runs.list(new RunQuery(reg, null, "sync", 1)).get(0).id();
        List<String> commands = List.of("ferry:workspace-list", "ferry:registration-list", "ferry:registration-show " + reg,
                "ferry:run-list", "ferry:run-show " + run, "ferry:activity", "ferry:product-list", "ferry:product-drafts",
                "ferry:product-registrations customer-sync-demo", "ferry:connector-list", "ferry:connector-show jdbc",
                "ferry:rollout-list", "ferry:shared-flow-list", "ferry:flow-list narrow", "ferry:token-list narrow",
                "ferry:actions " + reg, "ferry:health", "ferry:records " + reg + " customers-reader");
        List<String> wide = new java.util.ArrayList<>();
        for (String command : commands) {
            String out = shell(command);
            assertFalse(command, out.contains("\u001b["));
            for (String line : out.split("\n")) {
                if (line.length() > 120) {
                    wide.add(command + " (" + line.length() + "): " + line);
                }
            }
        }
        assertTrue(String.join("\n", wide), wide.isEmpty());
    }

    /** A request's answer: its status and body. */
    private record Answer(int status, String body) {
    }

    /** Sends a request with an Authorization header as given ({@code Basic …} or {@code Bearer …}). */
    private static Answer call(String method, String path, String json, String authorization) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + HTTP_PORT + "/ferry/api" + path))
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "*/*");
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A top-level or nested JSON member's value, text or number, found by name (the first one). */
    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|([0-9]+))").matcher(json);
        assertTrue(name + " in " + json, m.find());
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private String jdbcText(String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(sql, rs.next());
            return rs.getString(1);
        }
    }

    /**
     * Each activity entry carries the hash of the one before: an entry edited in the store, or deleted from it, is
     * found by ferry:activity-verify and GET /activity/verify, naming it.
     */
    @Test
    public void theActivityLogFindsAnEntryEditedOrDeletedInTheStore() throws Exception {
        for (String w : List.of("chain-a", "chain-b", "chain-c")) {
            shell("ferry:workspace-create " + w);
        }
        await(() -> activity.query(new ActivityQuery(null, "chain-c", null, null, null, 1)).isEmpty() ? null : true);
        assertTrue(shell("ferry:activity-verify").contains("The activity log is intact"));
        assertTrue(http("GET", "/activity/verify", null, 200).contains("\"intact\":true"));
        long b = count("select id from FERRY_ACTIVITY where workspace = 'chain-b' and action = 'workspace.created'");
        String summary;
        try (Connection c = store.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select summary from FERRY_ACTIVITY where id = " + b)) {
            rs.next();
            summary = rs.getString(1);
        }
        execute("update FERRY_ACTIVITY set summary = 'nothing happened' where id = " + b);
        String edited = http("GET", "/activity/verify", null, 200);
        assertTrue(edited, edited.contains("\"intact\":false") && edited.contains("\"entry\":" + b)
                && edited.contains("entry " + b + " (workspace.created at "));
        execute("update FERRY_ACTIVITY set summary = '" + summary.replace("'", "''") + "' where id = " + b);
        assertTrue(shell("ferry:activity-verify").contains("The activity log is intact"));
        execute("delete from FERRY_ACTIVITY where id = " + b);
        String deleted = shell("ferry:activity-verify");
        assertTrue(deleted, deleted.contains("tampered with") && deleted.contains("was deleted"));

        // old entries removed as retention does (an admin's ferry:activity-prune here) leave a chain that checks,
        // starting where the removal says; the oldest entry deleted in the store by hand is still found
        assertEquals(403, status("POST", "/activity/prune?before=P1D", "auditor:auditor"));
        assertTrue(http("POST", "/activity/prune?before=tomorrow", null, 400).contains("before"));
        String pruned = http("POST", "/activity/prune?before=" + java.time.Instant.now(), null, 200);
        assertTrue(pruned, pruned.matches(".*\"removed\":[1-9][0-9]*.*\"firstKept\":[0-9]+.*"));
        String afterPruning = shell("ferry:activity-verify");
        assertTrue(afterPruning, afterPruning.contains("The activity log is intact"));
        assertTrue(http("GET", "/activity?limit=5", null, 200).contains("activity.pruned"));
        assertTrue(shell("ferry:activity-prune --before P1D").contains("No activity entry was written before"));
        execute("delete from FERRY_ACTIVITY where id = " + count("select min(id) from FERRY_ACTIVITY"));
        String oldestGone = shell("ferry:activity-verify");
        assertTrue(oldestGone, oldestGone.contains("tampered with") && oldestGone.contains("were deleted from the store"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    public void restApiServesProductsWorkspacesRegistrationsAndActivity() throws Exception {
        assertTrue(http("GET", "/products", null, 200).contains("\"id\":\"customer-sync-demo\""));
        String schema = http("GET", "/schemas/product", null, 200);
        assertTrue(schema, schema.contains("\"$defs\"") && schema.contains("\"stages\""));
        String created = http("POST", "/workspaces", "{\"name\":\"rest-ws\",\"type\":\"custom\",\"description\":\"made over REST\"}", 201);
        assertTrue(created, created.contains("\"name\":\"rest-ws\"") && created.contains("\"type\":\"custom\""));
        String wrongType = http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"rest-ws\"}", 400);
        assertTrue(wrongType, wrongType.contains("a custom workspace does not take customer-sync-demo 1.0.0"));
        http("POST", "/workspaces", "{\"name\":\"rest-std\"}", 201);
        assertTrue(http("GET", "/workspaces", null, 200).contains("rest-ws"));
        String problem = http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"rest-std\",\"config\":{\"nope\":\"1\"}}", 400);
        assertTrue(problem, problem.contains("config nope") && problem.contains("is not a known setting"));
        assertTrue(http("POST", "/workspaces", "{\"name\":\"rest-ws\"}", 409).contains("exists already"));
        String health = http("GET", "/health", null, 200);
        assertTrue(health, health.contains("\"status\":\"up\"") && health.contains("\"name\":\"store\"")
                && health.contains("\"name\":\"scheduler\"") && health.contains("\"name\":\"features\""));
        assertEquals("health takes no user, everything else does", 401, status("GET", "/products", null));
        HttpURLConnection anonymous = connect("GET", "/products", null);
        assertEquals(401, anonymous.getResponseCode());
        String unauthorized = new String(anonymous.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(unauthorized, anonymous.getContentType().startsWith("application/problem+json")
                && unauthorized.contains("\"status\":401") && anonymous.getHeaderField("WWW-Authenticate").startsWith("Basic"));
        String unknown = http("POST", "/workspaces", "{\"nam\":\"x\"}", 400);
        assertTrue(unknown, unknown.contains("\"field\":\"nam\"") && unknown.contains("is not a field here")
                && !unknown.contains("dev.ferry"));
        // strict JSON: a wrong type is refused naming the field, never coerced
        String number = http("POST", "/workspaces", "{\"name\":123}", 400);
        assertTrue(number, number.contains("\"field\":\"name\"") && number.contains("must be text") && !number.contains("java."));
        assertTrue(http("POST", "/workspaces", "{\"name\":true}", 400).contains("must be text"));
        String inbox = http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"rest-std\","
                + "\"config\":{\"inbox\":5}}", 400);
        assertTrue(inbox, inbox.contains("\"field\":\"config.inbox\"") && inbox.contains("must be text"));
        assertTrue(http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"rest-std\","
                + "\"test\":\"no\"}", 400).contains("must be true or false"));
        assertTrue(http("GET", "/workspaces", null, 200).indexOf("\"name\":\"123\"") < 0);
        String registered = http("POST", "/registrations", "{\"product\":\"customer-sync-demo\",\"workspace\":\"rest-std\",\"config\":{\"inbox\":\""
                + Files.createTempDirectory("rest-inbox") + "\"}}", 201);
        assertTrue(registered, registered.contains("\"id\":\"rest-std:customer-sync-demo\""));
        assertTrue(http("GET", "/registrations?workspace=rest-std", null, 200).contains("rest-std:customer-sync-demo"));
        String run = http("POST", "/registrations/rest-std:customer-sync-demo/jobs/sync/runs", "", 202);
        assertTrue(run, run.contains("\"trigger\":\"manual (admin)\""));
        assertTrue(http("POST", "/registrations/rest-std:customer-sync-demo/jobs/nope/runs", "", 404).contains("no job 'nope'"));
        assertTrue(http("GET", "/runs?registration=rest-std:customer-sync-demo", null, 200).contains("\"rowsPerSecond\""));
        String activityJson = http("GET", "/activity?workspace=rest-ws", null, 200);
        assertTrue(activityJson, activityJson.contains("\"actor\":\"admin\"") && activityJson.contains("workspace.created"));
        assertEquals(401, status("GET", "/products", "admin:wrong"));
        http("DELETE", "/registrations/rest-std:customer-sync-demo", null, 204);
        assertTrue(http("GET", "/registrations/rest-std:customer-sync-demo", null, 404).contains("no registration"));
        // bad bodies are refused, each with a short problem+json that names the field
        assertTrue(http("POST", "/workspaces", "\uFEFF{\"name\": \"bom\"}", 400).contains("byte-order mark"));
        HttpURLConnection utf16 = connect("POST", "/workspaces", "admin:admin");
        utf16.setDoOutput(true);
        utf16.setRequestProperty("Content-Type", "application/json; charset=utf-16");
        utf16.getOutputStream().write("{\"name\": \"u16\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, utf16.getResponseCode());
        assertTrue(http("POST", "/workspaces", "{\"name\": \"trail\\n\"}", 400).contains("'trail\\\\n' must be"));
        assertTrue(http("POST", "/workspaces", "{\"name\": \"typed\", \"type\": \"weird\"}", 400)
                .contains("'weird' is not one of standard, custom, project"));
        String huge = http("POST", "/workspaces", "{\"name\": \"" + "a".repeat(1_000_000) + "\"}", 400);
        assertTrue("a 1 MB name gives a short error: " + huge.length(), huge.length() < 2_000);
        StringBuilder keys = new StringBuilder("{\"product\": \"customer-sync-demo\", \"workspace\": \"rest-std\", \"config\": {");
        for (int i = 0; i < 50_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        String many = http("POST", "/registrations", keys.append("}}").toString(), 400);
        assertTrue("50,000 unknown configs give a short error: " + many.length(), many.length() < 50_000
                && many.contains("more problem(s) not listed"));
        assertFalse(http("GET", "/workspaces", null, 200).contains("\"name\":\"bom\""));

        String removed = http("GET", "/activity?workspace=rest-std", null, 200);
        assertTrue(removed, removed.contains("registration.removed"));
        // the states before and after are JSON objects, not JSON in a string
        assertTrue(removed, removed.contains("\"before\":{") && !removed.contains("\"before\":\"{"));
        assertTrue(http("GET", "/runs?limit=lots", null, 400).contains("limit"));
        // a viewer reads but changes nothing
        assertEquals(200, status("GET", "/workspaces", "auditor:auditor"));
        assertEquals(403, status("POST", "/workspaces", "auditor:auditor"));
        // nothing answers without credentials, not even the WADL
        assertEquals(401, status("GET", "/products", null));
        for (String wadl : List.of("?_wadl", "/products?_wadl")) {
            int answer = status("GET", wadl, null);
            assertTrue("WADL " + wadl + " answered " + answer + " without credentials", answer == 401 || answer == 404);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static StringBuilder customers(int from, int to, String name, String country) {
        StringBuilder csv = new StringBuilder("id,name,email,country,signup_date\n");
        for (int i = from; i <= to; i++) {
            csv.append(i).append(',').append(name).append(' ').append(i).append(",c").append(i).append("@example.com,")
                    .append(country == null ? "NL" : country).append(",2024-01-").append(String.format("%02d", 1 + i % 28)).append('\n');
        }
        return csv;
    }

    /** Writes a file the way a careful producer does: under a hidden name, then renamed into place. */
    /** A vendor's product bundle holding only its descriptor. */
    private static Path productJar(String symbolicName, String descriptor) throws IOException {
        return descriptorJar(symbolicName, "Ferry-Product", "META-INF/ferry/product.json", descriptor);
    }

    /** A vendor's shared-flow bundle holding only its descriptor. */
    private static Path sharedFlowJar(String symbolicName, String descriptor) throws IOException {
        return descriptorJar(symbolicName, "Ferry-Shared-Flow", "META-INF/ferry/flow.json", descriptor);
    }

    private static Path descriptorJar(String symbolicName, String header, String entry, String descriptor) throws IOException {
        return DescriptorJars.jar(symbolicName, header, entry, descriptor);
    }

    private static void drop(Path inbox, String name, CharSequence content) throws IOException {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private JobRun awaitRun(String registration, java.util.function.Predicate<JobRun> done) throws InterruptedException {
        return await(() -> runs.list(new RunQuery(registration, null, "sync", 20)).stream()
                .filter(r -> r.status() != RunStatus.RUNNING).filter(done).findFirst().orElse(null));
    }

    private Map<Long, Map<String, Object>> tableRows(String registration) {
        return registrations.peek(registration, "customers-writer", 10_000).stream()
                .collect(Collectors.toMap(r -> ((Number) r.get("id")).longValue(), r -> r));
    }

    private static <T> T await(Supplier<T> probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SCHEDULE_WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        fail("nothing happened within " + SCHEDULE_WAIT);
        return null;
    }

    private void assertError(String command, String expected) throws Exception {
        try {
            String out = shell(command);
            fail(command + " should have failed, printed: " + out);
        } catch (Exception e) {
            assertTrue(command + " failed with: " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
        }
    }

    /** Runs a shell command as user itest with the admin role; returns what it printed, or throws its error. */
    private String shell(String command) throws Exception {
        return shellAs("admin", command);
    }

    private void shellFailsAs(String role, String command, String expected) {
        try {
            String out = shellAs(role, command);
            fail(command + " as " + role + " should have failed, printed: " + out);
        } catch (Exception e) {
            assertTrue(command + " failed with: " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
        }
    }

    /** Runs a shell command as user itest with one role, as Karaf's shell ACL sees it. */
    private String shellAs(String role, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(InputStream.nullInputStream(), out, out);
        session.put("USER", "itest");
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest"));
        subject.getPrincipals().add(new RolePrincipal(role));
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String http(String method, String path, String json, int expectedStatus) throws IOException {
        HttpURLConnection c = connect(method, path, "admin:admin");
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(method + " " + path + ": " + text, expectedStatus, status);
        return text;
    }

    /** PATCH, which HttpURLConnection does not send. */
    private static String patch(String path, String json, int expectedStatus) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + HTTP_PORT + "/ferry/api" + path))
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("PATCH " + path + ": " + response.body(), expectedStatus, response.statusCode());
        return response.body();
    }

    private static int status(String method, String path, String credentials) throws IOException {
        return connect(method, path, credentials).getResponseCode();
    }

    private static HttpURLConnection connect(String method, String path, String credentials) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + HTTP_PORT + "/ferry/api" + path).openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Accept", "application/json");
        if (credentials != null) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return c;
    }
}
