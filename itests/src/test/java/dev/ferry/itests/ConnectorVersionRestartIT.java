package dev.ferry.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Which connector version serves survives a restart: with two versions of a vendor's connector installed (the newer
 * one first, so the older one's bundle starts last), the highest in the product's range serves, before and after
 * Karaf restarts, and the older one takes over when the newer one is uninstalled. The distribution runs as an OS
 * process (ports as the crash test's plus 20); the connectors are the ones the archetype's build generated.
 */
public class ConnectorVersionRestartIT {

    private static final Path WORK = Path.of(System.getProperty("crash.work", "target/crash-recovery")).toAbsolutePath()
            .resolveSibling("versions");
    private static final Path CONNECTORS = Path.of(System.getProperty("example.connectors",
            "../connectors/archetype/target/test-classes/projects")).toAbsolutePath();

    private KarafProcess karaf;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.close();
        }
    }

    private static Path connector(String project, String version) {
        return CONNECTORS.resolve(project + "/project/crm-connector/target/crm-connector-" + version + ".jar");
    }

    @Test
    public void theHighestVersionInRangeServesBeforeAndAfterARestart() throws Exception {
        Path older = connector("example", "1.0.0");
        Path newer = connector("example-next", "1.0.1");
        assertTrue(older + " and " + newer + " were built by the archetype's test", Files.exists(older) && Files.exists(newer));
        KarafProcess.endLeftover(WORK);
        karaf = KarafProcess.unpack(Path.of(System.getProperty("crash.distribution")), WORK, 20);
        karaf.start();
        FerryRestClient rest = new FerryRestClient(karaf.api());
        Await.until(rest::answers, "the REST API");

        Path product = DescriptorJars.product("itest.versions", """
                {"format": 2, "id": "crm-versions", "version": "1.0.0", "name": "Example CRM in a range",
                 "connectors": [{"id": "example-crm", "version": "[1.0.0,2.0.0)"}, "jdbc"],
                 "configs": [{"name": "crmFolder", "type": "path"}],
                 "services": [
                   {"id": "contacts-reader", "connector": "example-crm", "module": "items", "type": "cache-writer",
                    "mode": "full", "connection": {"folder": "{{crmFolder}}"},
                    "object": {"name": "contacts", "fields": [{"name": "id", "type": "integer", "required": true}],
                               "primaryKey": ["id"]}}],
                 "jobs": [{"id": "sync", "schedule": {"every": "1h"}, "steps": ["contacts-reader"]}]}
                """);
        // the newer one installed first: the older one's bundle starts (and its service registers) last
        karaf.ssh("bundle:install -s " + newer.toUri() + "; bundle:install -s " + older.toUri()
                + "; bundle:install -s " + product.toUri());
        Await.until(() -> servedBy(rest).equals("1.0.1"), "1.0.1 serving the product");
        assertEquals(List.of("1.0.0 standing by", "1.0.1 serving"), roles(rest));

        karaf.stop();
        karaf.start();
        Await.until(rest::answers, "the REST API after the restart");
        Await.until(() -> roles(rest).size() == 2 && servedBy(rest).equals("1.0.1"), "1.0.1 serving after the restart");
        assertEquals("the same after a restart, whatever order the bundles started in",
                List.of("1.0.0 standing by", "1.0.1 serving"), roles(rest));

        String uninstalled = karaf.ssh("bundle:uninstall com.example.ferry.crm-connector/1.0.1; bundle:list -t 0 -s | grep crm-connector");
        assertTrue(uninstalled, uninstalled.contains("1.0.0") && !uninstalled.contains("1.0.1"));
        Await.until(() -> servedBy(rest).equals("1.0.0"), "1.0.0 taking over");
    }

    /** The connector's catalog entry, or nothing while it is not installed yet. */
    private static JsonNode catalog(FerryRestClient rest) throws Exception {
        try {
            return rest.get("connectors/example-crm");
        } catch (java.io.IOException | AssertionError notYet) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** The version serving the product, as the connector catalog says. */
    private static String servedBy(FerryRestClient rest) throws Exception {
        for (JsonNode use : catalog(rest).path("usedBy")) {
            if (use.path("product").asText().equals("crm-versions")) {
                return use.path("servedBy").asText();
            }
        }
        return "";
    }

    /** Each installed version with its role, in version order. */
    private static List<String> roles(FerryRestClient rest) throws Exception {
        List<String> roles = new java.util.ArrayList<>();
        catalog(rest).path("versions").forEach(v ->
                roles.add(v.path("version").asText() + " " + v.path("role").asText()));
        roles.sort(null);
        return roles;
    }
}
