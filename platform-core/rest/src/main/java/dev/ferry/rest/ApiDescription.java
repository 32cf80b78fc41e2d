package dev.ferry.rest;

import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.0 document of the REST API, made by swagger-core from the resource classes themselves, then given
 * what their annotations do not say: the role each operation takes ({@code @RolesAllowed}, also as
 * {@code x-ferry-role}), how to sign in, the problem+json errors every operation may answer, a tag per resource,
 * and enums written in lower case as the API writes them.
 */
final class ApiDescription {

    /** The resources, each with the tag its operations get and what the tag is about. */
    static final Map<Class<?>, String[]> RESOURCES = resources();

    private ApiDescription() {
    }

    private static Map<Class<?>, String[]> resources() {
        Map<Class<?>, String[]> r = new LinkedHashMap<>();
        r.put(HealthResource.class, new String[]{"health", "Whether the platform is up, for scripts and load balancers"});
        r.put(MetricsResource.class, new String[]{"metrics", "Prometheus metrics: runs, rows, actions, queue depth"});
        r.put(WorkspacesResource.class, new String[]{"workspaces", "Workspaces, their flow copies and API tokens"});
        r.put(RegistrationsResource.class, new String[]{"registrations", "Registrations of products to workspaces: runs, pauses, configs, actions, records"});
        r.put(RunsResource.class, new String[]{"runs", "Job runs: progress, history, cancelling"});
        r.put(ProductsResource.class, new String[]{"products", "Integration products: the catalog and the builder"});
        r.put(SchemasResource.class, new String[]{"schemas", "JSON Schemas of the descriptor formats"});
        r.put(SharedFlowsResource.class, new String[]{"shared-flows", "Flows shared between products"});
        r.put(ConnectorsResource.class, new String[]{"connectors", "The connector catalog and discovery"});
        r.put(RolloutsResource.class, new String[]{"rollouts", "Rollouts of product versions in waves"});
        r.put(ActivityResource.class, new String[]{"activity", "The tamper-evident activity log"});
        r.put(SecretsResource.class, new String[]{"secrets", "The key that encrypts secret configs"});
        r.put(OpenApiResource.class, new String[]{"api", "This description and its browsable UI"});
        return r;
    }

    /** Reads the resources; @param version Ferry's version, as the document's. */
    static OpenAPI describe(String version) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Ferry REST API").version(version)
                        .description("Manage Ferry's workspaces, integration products, registrations, runs and activity."
                                + " Sign in with HTTP Basic as a Karaf user (roles viewer < operator < manager < admin,"
                                + " each with the rights of those below), or with a workspace's API token as Bearer."
                                + " Every error is application/problem+json.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/ferry/api").description("this platform")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user of Karaf's realm (etc/users.properties) with a Ferry role"))
                        .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A workspace's API token (ferry_<id>_<secret>): that workspace only,"
                                        + " as a viewer or an operator"))
                        .addSchemas("Problem", problemSchema()));
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(true);
        Reader reader = new Reader(config);
        OpenAPI api = reader.read(new LinkedHashSet<>(RESOURCES.keySet()));
        api.setTags(new ArrayList<>());
        RESOURCES.forEach((resource, tag) -> {
            api.getTags().add(new Tag().name(tag[0]).description(tag[1]));
            for (Method method : resource.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                PathItem item = api.getPaths().get(path(resource, method));
                Operation operation = item == null ? null
                        : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(http));
                if (operation == null) {
                    throw new IllegalStateException("swagger-core left out " + http + " " + path(resource, method));
                }
                complete(operation, resource, method, tag[0]);
            }
        });
        lowerCaseEnums(api);
        io.swagger.v3.oas.models.Paths sorted = new io.swagger.v3.oas.models.Paths();
        api.getPaths().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.addPathItem(e.getKey(), e.getValue()));
        api.setPaths(sorted);
        return api;
    }

    /** The path the Reader gives an operation: the class's and the method's {@code @Path}, joined. */
    static String path(Class<?> resource, Method method) {
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = "/" + (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        joined = joined.replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static String httpMethod(Method method) {
        for (Class<? extends Annotation> http : List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class, HEAD.class)) {
            if (method.isAnnotationPresent(http)) {
                return http.getSimpleName();
            }
        }
        return null;
    }

    private static void complete(Operation operation, Class<?> resource, Method method, String tag) {
        operation.setTags(List.of(tag));
        operation.setOperationId(tag.replace("-", "") + Character.toUpperCase(method.getName().charAt(0))
                + method.getName().substring(1));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse fallback = responses.remove("default");
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            responses.addApiResponse("200", fallback != null ? fallback.description("OK") : new ApiResponse().description("OK"));
        }
        boolean open = resource == HealthResource.class || resource == OpenApiResource.class;
        if (open) {
            operation.setSecurity(List.of());
            operation.addExtension("x-ferry-role", "none");
        } else {
            List<String> roles = RoleFilter.RolesAllowedInterceptor.roles(method);
            String role = roles.get(0);
            operation.addExtension("x-ferry-role", role);
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                    + "Takes the role **" + role + "**" + (role.equals(Roles.ADMIN) ? "." : " or a higher one.")
                    + (workspaceScoped(resource) ? " A workspace's API token reaches its own workspace only."
                    : " A workspace's API token may not call it."));
            operation.setSecurity(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("token")));
            problem(responses, "401", "No user or token, or a wrong one");
            problem(responses, "403", "The caller lacks the role, or the token reaches another workspace");
            problem(responses, "429", "Too many failed sign-ins of this user from this address (see Retry-After)");
        }
        if (open) {
            problem(responses, "406", "The Accept header asks for a type this does not give");
        }
        boolean input = method.getParameterCount() > 0 || method.isAnnotationPresent(Consumes.class);
        if (input && !open) {
            problem(responses, "400", "Bad input: each problem names its field and why");
        }
        if (path(resource, method).contains("{")) {
            problem(responses, "404", "Nothing of that id");
        }
        String http = httpMethod(method);
        if (!open && !http.equals("GET")) {
            problem(responses, "409", "It conflicts with the state things are in");
        }
        if (method.isAnnotationPresent(Consumes.class)) {
            problem(responses, "415", "The body is not UTF-8 JSON");
        }
        if (resource == RegistrationsResource.class || resource == ConnectorsResource.class) {
            problem(responses, "502", "The external system failed");
        }
        operation.setResponses(responses);
    }

    private static boolean workspaceScoped(Class<?> resource) {
        return ScopeFilter.WORKSPACE_RESOURCES.contains(resource);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
        }
    }

    /** RFC 9457 problem details, as every error is written. */
    private static Schema<?> problemSchema() {
        ObjectSchema problem = new ObjectSchema();
        problem.description("What went wrong (RFC 9457); for bad input, each field and why");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().description("What was wrong, in a user's words (at most 1,000 characters)"));
        ObjectSchema item = new ObjectSchema();
        item.addProperty("field", new StringSchema().description("The field, as a path into the request (config.inbox)"));
        item.addProperty("pointer", new StringSchema().description("The same as a JSON pointer (/config/inbox)"));
        item.addProperty("reason", new StringSchema());
        problem.addProperty("problems", new ArraySchema().items(item).description("At most 100; more are counted"));
        problem.setRequired(List.of("title", "status", "detail"));
        return problem;
    }

    /** The API writes every enum in lower case ({@link LowerCaseEnumSerializer}); the schemas say so too. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void lowerCaseEnums(OpenAPI api) {
        List<Schema> pending = new ArrayList<>(api.getComponents().getSchemas() == null ? List.of()
                : api.getComponents().getSchemas().values());
        java.util.Set<Schema> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Schema schema = pending.remove(pending.size() - 1);
            if (schema == null || !seen.add(schema)) {
                continue;
            }
            if (schema.getEnum() != null && schema.getEnum().stream().allMatch(v -> v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT)))) {
                schema.setEnum(schema.getEnum().stream().map(v -> ((String) v).toLowerCase(Locale.ROOT)).toList());
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema additional) {
                pending.add(additional);
            }
        }
    }
}
