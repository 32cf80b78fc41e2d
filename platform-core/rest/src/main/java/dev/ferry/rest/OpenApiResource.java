package dev.ferry.rest;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.models.OpenAPI;

import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The API's description: the OpenAPI 3.0 document ({@link ApiDescription}, made once, on the first request) as JSON
 * and YAML, and Swagger UI at {@code /docs} to browse it and try calls (Authorize: a user or a workspace token). No
 * user is needed for any of it.
 */
@Path("/")
public class OpenApiResource {

    /** Swagger UI's files, unpacked into this bundle from the webjar at build time. */
    static final Set<String> UI_FILES = Set.of("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png",
            "swagger-ui-bundle.js.LICENSE.txt");
    private static final Map<String, String> TYPES = Map.of("js", "application/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8", "png", "image/png", "txt", "text/plain; charset=UTF-8");

    private final String version;
    private volatile OpenAPI described;

    OpenApiResource(String version) {
        this.version = version;
    }

    private OpenAPI described() {
        OpenAPI api = described;
        if (api == null) {
            synchronized (this) {
                if (described == null) {
                    described = ApiDescription.describe(version);
                }
                api = described;
            }
        }
        return api;
    }

    @GET
    @Path("openapi.json")
    @Produces("application/json")
    @Operation(summary = "This API's OpenAPI 3.0 document, as JSON")
    public String json() throws IOException {
        return Json.pretty(described());
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    @Operation(summary = "This API's OpenAPI 3.0 document, as YAML")
    public String yaml() throws IOException {
        return Yaml.pretty(described());
    }

    @GET
    @Path("docs")
    @Produces("text/html")
    @Operation(summary = "Swagger UI on this API's OpenAPI document")
    public Response docs() {
        return Response.ok(text("index.html")).type("text/html; charset=UTF-8").build();
    }

    @GET
    @Path("docs/{file}")
    @Operation(summary = "One of Swagger UI's files")
    public Response file(@PathParam("file") String file) {
        if (!UI_FILES.contains(file)) {
            throw new NotFoundException("no file '" + ProblemMapper.capped(file) + "' in the API's docs");
        }
        InputStream in = OpenApiResource.class.getResourceAsStream("swagger-ui/" + file);
        if (in == null) {
            throw new IllegalStateException("the bundle lacks Swagger UI's " + file);
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(in).type(TYPES.get(file.substring(file.lastIndexOf('.') + 1))).cacheControl(cache).build();
    }

    private static String text(String resource) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
