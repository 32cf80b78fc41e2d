package dev.ferry.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The Integration Builder end to end, on two distributions run as OS processes: on the first, a product that uses a
 * shared flow is authored over REST (a descriptor with errors refused with every one, uploaded as a draft that its
 * development workspace runs, changed, published with the shared flow's bundle); the second, whose Maven resolver is given the first's product repository folder, installs it
 * with {@code feature:repo-add} and {@code feature:install} over SSH, as an admin would.
 */
public class PublishIT {

    private static final Path WORK = Path.of(System.getProperty("crash.work", "target/crash-recovery")).toAbsolutePath()
            .resolveSibling("publish");
    private static final String DESCRIPTOR = """
            {"format": 2, "id": "built-contacts", "version": "1.0.0", "name": "Contacts built in Ferry",
             "connectors": ["file", "jdbc"],
             "configs": [{"name": "inbox", "type": "path", "defaultValue": "${karaf.data}/built/inbox"},
                         {"name": "minimumQuantity", "type": "integer", "defaultValue": "1"},
                         {"name": "targetUrl", "type": "uri", "defaultValue": "jdbc:derby:${karaf.data}/built/target;create=true"}],
             "services": [
               {"id": "contacts-reader", "connector": "file", "module": "csv", "type": "cache-writer", "mode": "incremental",
                "connection": {"directory": "{{inbox}}"},
                "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true},
                           {"name": "email", "type": "string"}, {"name": "quantity", "type": "integer"},
                           {"name": "unitPrice", "type": "decimal"}], "primaryKey": ["id"], "options": {"pattern": "contacts*.csv"}}},
               {"id": "contacts-writer", "connector": "jdbc", "module": "table", "type": "action-processor",
                "connection": {"url": "{{targetUrl}}"},
                "object": {"name": "contacts", "fields": [{"name": "ID", "type": "integer", "required": true},
                           {"name": "EMAIL", "type": "string"}], "primaryKey": ["ID"],
                           "options": {"table": "CONTACTS", "createTable": "true"}}}],
             "flows": [{"id": "contacts-to-table", "from": {"service": "contacts-reader"},
                        "shared": {"id": "order-lines", "version": "[1.0.0,2.0.0)"},
                        "stages": [{"map": {"ID": "id", "EMAIL": {"jq": ".email | ascii_downcase"}}}],
                        "to": {"service": "contacts-writer", "operation": "upsert"}}],
             "jobs": [{"id": "sync", "schedule": {"every": "1m"}, "steps": ["contacts-reader", "contacts-writer"]}]}
            """;

    private final List<KarafProcess> started = new ArrayList<>();

    @After
    public void stopKarafs() {
        started.forEach(KarafProcess::close);
    }

    /**
     * An admin's scripts drive the whole lifecycle with bin/client and with SSH, neither with a terminal: each command
     * runs, its output has no colours, a mistake is one line and exit code 1.
     */
    @Test
    public void theShellLifecycleRunsOverBinClientAndSshWithoutATerminal() throws Exception {
        KarafProcess.endLeftover(WORK.resolve("c"));
        KarafProcess c = KarafProcess.unpack(Path.of(System.getProperty("crash.distribution")), WORK.resolve("c"), 20);
        started.add(c);
        c.start();
        Await.until(new FerryRestClient(c.api())::answers, "the REST API");
        Path inbox = c.home().resolve("data/ferry/workspaces/scripted/inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("customers-1.csv"), "id,name,email,country,signup_date\n1,Ann,ann@example.com,NL,2024-01-02\n");

        assertClient(c, "ferry:workspace-create scripted", "Workspace scripted (standard) created");
        assertClient(c, "ferry:register customer-sync-demo scripted --config inbox=" + inbox, "Registered customer-sync-demo");
        assertClient(c, "ferry:registration-pause scripted:customer-sync-demo", "paused");
        assertClient(c, "ferry:registration-resume scripted:customer-sync-demo", "scripted:customer-sync-demo");
        assertClient(c, "ferry:job-run scripted:customer-sync-demo sync", "succeeded");
        assertClient(c, "ferry:run-list --json --registration scripted:customer-sync-demo", "\"inserted\": 1");
        assertClient(c, "ferry:workspace-list; ferry:registration-list", "scripted:customer-sync-demo");
        KarafProcess.Printed mistake = c.client("ferry:workspace-create 'Not A Name'");
        assertEquals(mistake.output(), 1, mistake.exit());
        assertEquals("Error: name: 'Not A Name' must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit",
                mistake.output().strip());
        // the same over SSH without a terminal
        String overSsh = c.ssh("ferry:registration-show scripted:customer-sync-demo");
        assertTrue(overSsh, overSsh.contains("scripted:customer-sync-demo") && !overSsh.contains("\u001b["));
        assertClient(c, "ferry:registration-remove scripted:customer-sync-demo", "removed");
        assertClient(c, "ferry:workspace-remove scripted", "Workspace scripted removed");
    }

    private static void assertClient(KarafProcess karaf, String commands, String expected) throws Exception {
        KarafProcess.Printed printed = karaf.client(commands);
        assertEquals(commands + ": " + printed.output(), 0, printed.exit());
        assertTrue(commands + ": " + printed.output(), printed.output().contains(expected));
        assertFalse(commands + ": " + printed.output(), printed.output().contains("\u001b[") || printed.output().contains("Closed"));
    }

    @Test
    public void aProductAuthoredOverRestIsPublishedAndInstalledOnAnotherNode() throws Exception {
        KarafProcess.endLeftover(WORK.resolve("a"));
        KarafProcess.endLeftover(WORK.resolve("b"));
        Path distribution = Path.of(System.getProperty("crash.distribution"));
        KarafProcess a = KarafProcess.unpack(distribution, WORK.resolve("a"));
        KarafProcess b = KarafProcess.unpack(distribution, WORK.resolve("b"), 10);
        b.addMavenRepository(a.home().resolve("data/ferry/repository"), "node-a");
        started.add(a);
        a.start();
        FerryRestClient builder = new FerryRestClient(a.api());
        Await.until(builder::answers, "node a's REST API");

        // every problem at once, with paths and pointers; nothing stored
        String broken = DESCRIPTOR.replace("\"operation\": \"upsert\"", "\"operation\": \"merge\"")
                .replace("\"type\": \"path\"", "\"type\": 5").replace("ascii_downcase", "ascii_downcase |");
        FerryRestClient.Answer refused = builder.send("POST", "products", broken);
        assertEquals(refused.body().toString(), 400, refused.status());
        String problems = refused.body().path("problems").toString();
        assertTrue(problems, problems.contains("\"field\":\"configs[0].type\"") && problems.contains("\"pointer\":\"/configs/0/type\""));
        assertTrue(problems, problems.contains("flows[0].to.operation"));
        assertEquals(400, builder.send("POST", "products/validate", broken).status());
        assertEquals(200, builder.send("POST", "products/validate", DESCRIPTOR).status());
        assertEquals("nothing was stored", 0, builder.get("products/drafts").size());

        // a draft, run in its development workspace; then changed
        FerryRestClient.Answer uploaded = builder.send("POST", "products", DESCRIPTOR);
        assertEquals(uploaded.body().toString(), 201, uploaded.status());
        assertEquals("built-contacts-dev", uploaded.body().path("developmentWorkspace").asText());
        assertEquals(uploaded.body().toString(), "built-contacts-dev:built-contacts", uploaded.body().path("registration").asText());
        JsonNode asProduct = builder.get("products/built-contacts?version=1.0.0");
        assertEquals("draft", asProduct.path("lifecycle").asText());
        assertEquals(409, builder.send("POST", "products", DESCRIPTOR).status());
        String changed = DESCRIPTOR.replace("Contacts built in Ferry", "Contacts built and changed in Ferry");
        assertEquals(200, builder.send("PUT", "products/built-contacts/versions/1.0.0", changed).status());
        Await.until(() -> get(builder, "registrations/built-contacts-dev:built-contacts").path("runtime").asText().equals("running"),
                "the draft's registration running");

        // published into the repository, then installed on node b
        FerryRestClient.Answer published = builder.send("POST", "products/built-contacts/versions/1.0.0/publish", null);
        assertEquals(published.body().toString(), 200, published.status());
        String featuresUrl = published.body().path("featuresUrl").asText();
        assertEquals("mvn:dev.ferry.products/built-contacts/1.0.0/xml/features", featuresUrl);
        assertTrue(Files.isRegularFile(a.home().resolve(
                "data/ferry/repository/dev/ferry/products/built-contacts/1.0.0/built-contacts-1.0.0-features.xml")));
        assertTrue("the shared flow's bundle is published with it: " + published.body(), published.body().path("files")
                .toString().contains("dev/ferry/code/dev.ferry.shared-flow.order-lines/"));
        assertEquals(409, builder.send("POST", "products/built-contacts/versions/1.0.0/publish", null).status());

        started.add(b);
        b.start();
        FerryRestClient other = new FerryRestClient(b.api());
        Await.until(other::answers, "node b's REST API");
        // a wrong SSH password is refused and logged with the user and the address it came from
        try {
            b.ssh("admin", "not-the-password", "ferry:workspace-list");
            throw new AssertionError("a wrong SSH password was taken");
        } catch (org.apache.sshd.common.SshException wrongPassword) {
            // refused, as it should be
        }
        Path log = b.home().resolve("data/log/karaf.log");
        Await.until(() -> Files.readString(log).contains("SSH login failed for user 'admin' from 127.0.0.1 (1 failure(s) in a row)"),
                "the failed SSH login in node b's log");
        assertFalse("no password is logged", Files.readString(log).contains("not-the-password"));
        String out = b.ssh("feature:repo-add " + featuresUrl + "; feature:install built-contacts; feature:list -i | grep built");
        assertTrue(out, out.contains("built-contacts"));
        Await.until(() -> get(other, "products/built-contacts?version=1.0.0").path("state").asText().equals("loaded"),
                "built-contacts loaded on node b");
        JsonNode installed = other.get("products/built-contacts?version=1.0.0");
        assertEquals("published", installed.path("lifecycle").asText());
        assertEquals("Contacts built and changed in Ferry", installed.path("name").asText());
    }

    private static JsonNode get(FerryRestClient api, String path) {
        try {
            FerryRestClient.Answer a = api.send("GET", path, null);
            return a.status() == 200 ? a.body() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

}
