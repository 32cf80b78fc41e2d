package dev.ferry.rest;

import dev.ferry.platform.api.ApiToken;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.IssuedToken;
import dev.ferry.platform.api.NewApiToken;
import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.TokenService;
import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceFlow;
import dev.ferry.platform.api.WorkspaceFlowService;
import dev.ferry.platform.api.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

@Path("/workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspacesResource {

    private final WorkspaceService workspaces;
    private final WorkspaceFlowService flows;
    private final TokenService tokens;

    WorkspacesResource(WorkspaceService workspaces, WorkspaceFlowService flows, TokenService tokens) {
        this.workspaces = workspaces;
        this.flows = flows;
        this.tokens = tokens;
    }

    /** The workspace's API tokens, revoked ones included, newest first; never their secrets. */
    @RolesAllowed(Roles.MANAGER)
    @GET
    @Path("/{name}/tokens")
    @Operation(summary = "List a workspace's API tokens")
    public List<ApiToken> tokens(@PathParam("name") String name, @QueryParam("limit") String limit,
                                 @QueryParam("after") String after) {
        return Paging.pageByNumber(tokens.list(name), ApiToken::id, true, after, limit, Paging.MAX);
    }

    /**
     * Makes an API token that reaches this workspace only, as a viewer (the default) or an operator: 201 with the
     * token and its secret, shown this once. Clients send it as {@code Authorization: Bearer <secret>}.
     */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/{name}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an API token for a workspace", responses = {
            @ApiResponse(responseCode = "201", description = "Made; the secret is in this answer only",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IssuedToken.class)))})
    public Response issueToken(@PathParam("name") String name, NewApiToken request, @Context SecurityContext security,
                               @Context UriInfo uri) {
        IssuedToken issued = tokens.issue(name, request, Actors.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(issued.token().id())).build())
                .entity(issued).build();
    }

    /** Revokes a token: it signs nothing in from now on. Answers the token as it is now. */
    @RolesAllowed(Roles.MANAGER)
    @DELETE
    @Path("/{name}/tokens/{id}")
    @Operation(summary = "Revoke an API token")
    public ApiToken revokeToken(@PathParam("name") String name, @PathParam("id") String id,
                                @Context SecurityContext security) {
        return tokens.revoke(name, Params.id("id", id, "a token"), Actors.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List workspaces")
    public List<Workspace> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        String own = Scope.narrowed(null);
        return Paging.page(workspaces.list().stream().filter(w -> own == null || own.equals(w.name())).toList(),
                Workspace::name, after, limit, Paging.MAX);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}")
    @Operation(summary = "Show a workspace")
    public Workspace get(@PathParam("name") String name) {
        return workspaces.get(name);
    }

    @RolesAllowed(Roles.MANAGER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a workspace", responses = {
            @ApiResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Workspace.class)))})
    public Response create(NewWorkspace request, @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidInputException("(body)", "a JSON object with name, type and description is required");
        }
        Workspace created = workspaces.create(request, Actors.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /** Removes a workspace (204); 409 naming its registrations while it has some. */
    @RolesAllowed(Roles.MANAGER)
    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove a workspace without registrations", responses = {
            @ApiResponse(responseCode = "204", description = "Removed")})
    public Response remove(@PathParam("name") String name, @Context SecurityContext security) {
        workspaces.remove(name, Actors.of(security));
        return Response.noContent().build();
    }

    /** The workspace's copies of flow templates. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}/flows")
    @Operation(summary = "List a workspace's flow copies")
    public List<WorkspaceFlow> flows(@PathParam("name") String name, @QueryParam("limit") String limit,
                                     @QueryParam("after") String after) {
        return Paging.page(flows.list(name), f -> f.product() + "/" + f.flow(), after, limit, Paging.MAX);
    }

    /** One copy: its stages, the template's, and how they differ. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}/flows/{product}/{flow}")
    @Operation(summary = "Show a workspace's flow copy")
    public WorkspaceFlow flow(@PathParam("name") String name, @PathParam("product") String product,
                              @PathParam("flow") String flow) {
        return flows.get(name, product, flow);
    }

    /** Replaces a copy's stages: the body is {@code {"stages": [...]}} (or the array itself). */
    @RolesAllowed(Roles.MANAGER)
    @PUT
    @Path("/{name}/flows/{product}/{flow}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a workspace's flow copy")
    public WorkspaceFlow editFlow(@PathParam("name") String name, @PathParam("product") String product,
                                  @PathParam("flow") String flow, String body, @Context SecurityContext security) {
        return flows.edit(name, product, flow, body, Actors.of(security));
    }

    /** Puts the template's stages back. */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/{name}/flows/{product}/{flow}/reset")
    @Operation(summary = "Reset a flow copy to its template")
    public WorkspaceFlow resetFlow(@PathParam("name") String name, @PathParam("product") String product,
                                   @PathParam("flow") String flow, @Context SecurityContext security) {
        return flows.reset(name, product, flow, Actors.of(security));
    }
}
