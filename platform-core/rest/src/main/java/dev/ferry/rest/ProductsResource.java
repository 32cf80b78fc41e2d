package dev.ferry.rest;

import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductBuilderService;
import dev.ferry.platform.api.ProductDraft;
import dev.ferry.platform.api.ProductService;
import dev.ferry.platform.api.Publication;
import dev.ferry.platform.api.RegistrationPage;
import dev.ferry.platform.api.RegistrationQuery;
import dev.ferry.platform.api.RegistrationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    private final ProductService products;
    private final ProductBuilderService builder;
    private final RegistrationService registrations;

    ProductsResource(ProductService products, ProductBuilderService builder, RegistrationService registrations) {
        this.registrations = registrations;
        this.products = products;
        this.builder = builder;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List installed products")
    public List<Product> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return Paging.page(products.list(), p -> p.id() + "@" + p.version(), after, limit, Paging.MAX);
    }

    /**
     * The product's one entry point: its registrations in every workspace, filtered ({@code version}, {@code workspace}
     * prefix, {@code sync=in|out}, {@code health=ok|failing|paused|waiting}, {@code feature=<id>=<state>}), sorted
     * ({@code sort=workspace|version|last-run|failures}, {@code -} for descending) and paged ({@code offset}, {@code limit}).
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/registrations")
    @Operation(summary = "List the registrations of a product")
    public RegistrationPage registrations(@PathParam("id") String id, @QueryParam("version") String version,
                                          @QueryParam("workspace") String workspace, @QueryParam("sync") String sync,
                                          @QueryParam("health") String health, @QueryParam("feature") String feature,
                                          @QueryParam("sort") String sort, @QueryParam("offset") String offset,
                                          @QueryParam("limit") String limit) {
        return registrations.ofProduct(id, new RegistrationQuery(version, workspace, sync, health, feature, sort,
                Params.integer("offset", offset, 0), Params.integer("limit", limit, 100)));
    }

    /** The newest available version, or {@code ?version=}. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a product (a version of it)")
    public Product get(@PathParam("id") String id, @QueryParam("version") String version) {
        return products.get(id, version);
    }

    /**
     * Uploads a product descriptor as a draft of its version (201); every problem of it is a 400 listing each with
     * its path, and nothing is stored.
     */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a product descriptor as a draft", responses = {
            @ApiResponse(responseCode = "201", description = "Stored as a draft",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductDraft.class)))})
    public Response upload(String descriptor, @Context SecurityContext security, @Context UriInfo uri) {
        ProductDraft draft = builder.upload(descriptor, Actors.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(draft.product()).path("versions").path(draft.version())
                .path("draft").build()).entity(draft).build();
    }

    /** Checks a descriptor without storing it: 200 when it would load, else 400 with every problem. */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a product descriptor without storing it")
    public Map<String, Object> validate(String descriptor) {
        builder.validate(descriptor);
        return Map.of("valid", true);
    }

    /** Drafts and published versions authored in Ferry. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/drafts")
    @Operation(summary = "List product drafts")
    public List<ProductDraft> drafts(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return Paging.page(builder.list(), d -> d.product() + "@" + d.version(), after, limit, Paging.MAX);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/versions/{version}/draft")
    @Operation(summary = "Show a product draft")
    public ProductDraft draft(@PathParam("id") String id, @PathParam("version") String version) {
        return builder.get(id, version);
    }

    /** Replaces a draft's descriptor (same id and version). */
    @RolesAllowed(Roles.MANAGER)
    @PUT
    @Path("/{id}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a product draft")
    public ProductDraft update(@PathParam("id") String id, @PathParam("version") String version, String descriptor,
                               @Context SecurityContext security) {
        return builder.update(id, version, descriptor, Actors.of(security));
    }

    /** Publishes a draft into the product repository, from which feature:install installs it on any node. */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/{id}/versions/{version}/publish")
    @Operation(summary = "Publish a product draft")
    public Publication publish(@PathParam("id") String id, @PathParam("version") String version,
                               @Context SecurityContext security) {
        return builder.publish(id, version, Actors.of(security));
    }
}
