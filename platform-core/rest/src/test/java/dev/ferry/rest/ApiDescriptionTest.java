package dev.ferry.rest;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.junit.BeforeClass;
import org.junit.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The OpenAPI document holds every resource method with its role and errors, and Redocly's linter (npm
 * {@value #REDOCLY}, recommended rules) finds nothing in it: no error, no warning.
 */
public class ApiDescriptionTest {

    static final String REDOCLY = "@redocly/cli@2.77.0";
    private static OpenAPI api;

    @BeforeClass
    public static void describe() {
        api = ApiDescription.describe("1.2.3");
    }

    @Test
    public void everyResourceMethodIsAnOperationWithItsRoleAndErrors() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Class<?> resource : ApiDescription.RESOURCES.keySet()) {
            for (Method method : resource.getMethods()) {
                String http = ApiDescription.httpMethod(method);
                if (http == null) {
                    continue;
                }
                operations++;
                String path = ApiDescription.path(resource, method);
                PathItem item = api.getPaths().get(path);
                Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(http));
                if (operation == null) {
                    missing.add(http + " " + path);
                    continue;
                }
                assertNotNull(http + " " + path, operation.getSummary());
                Object role = operation.getExtensions().get("x-ferry-role");
                if (resource == HealthResource.class || resource == OpenApiResource.class) {
                    assertEquals("none", role);
                    assertTrue(operation.getSecurity().isEmpty());
                } else {
                    assertEquals(http + " " + path, RoleFilter.RolesAllowedInterceptor.roles(method).get(0), role);
                    assertTrue(operation.getDescription(), operation.getDescription().contains("Takes the role **" + role + "**"));
                    for (String status : List.of("401", "403")) {
                        assertEquals(http + " " + path + " " + status, "#/components/schemas/Problem", operation.getResponses()
                                .get(status).getContent().get("application/problem+json").getSchema().get$ref());
                    }
                }
                assertTrue(http + " " + path, operation.getResponses().keySet().stream().anyMatch(s -> s.startsWith("2")));
            }
        }
        assertTrue("not in the document: " + missing, missing.isEmpty());
        long described = api.getPaths().values().stream().mapToLong(p -> p.readOperations().size()).sum();
        assertEquals(operations, described);
        assertTrue(operations > 50);
    }

    @Test
    public void schemasAreTheApisOwnWithLowerCaseEnums() {
        String json = Json.pretty(api);
        assertTrue(json.contains("\"Registration\""));
        assertTrue(json.contains("\"completed_with_errors\"") || json.contains("\"succeeded\""));
        assertFalse(json, json.contains("\"SUCCEEDED\""));
        assertTrue(json.contains("\"bearer\""));
        assertFalse("no internal class names", json.contains("dev.ferry"));
    }

    @Test
    public void redoclyLintsItClean() throws Exception {
        Path dir = Path.of("target/openapi");
        Files.createDirectories(dir);
        Path document = dir.resolve("openapi.json");
        Files.writeString(document, Json.pretty(api));
        Path cli = dir.resolve("redocly/node_modules/@redocly/cli/bin/cli.js");
        if (!Files.exists(cli)) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    dir.resolve("redocly").toString(), REDOCLY).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            assertTrue("npm could not install " + REDOCLY + " (see " + dir.resolve("npm-install.log") + ")",
                    npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0);
        }
        Path report = dir.resolve("lint.txt");
        Process lint = new ProcessBuilder("node", cli.toString(), "lint", "--format", "stylish", "--extends", "recommended",
                "--max-problems", "200", document.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        lint.getOutputStream().close();
        assertTrue("Redocly did not finish in 3 minutes", lint.waitFor(3, TimeUnit.MINUTES));
        String said = Files.readString(report);
        assertEquals(said, 0, lint.exitValue());
        assertTrue(said, said.contains("Your API description is valid."));
        // (Redocly also warns that Node.js 20, this machine's, is near its end: not about the document)
        assertFalse(said, said.matches("(?s).*You have \\d+ warnings?.*"));
    }
}
