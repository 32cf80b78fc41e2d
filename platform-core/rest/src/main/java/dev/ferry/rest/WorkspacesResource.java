package dev.ferry.rest;

import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceFlow;
import dev.ferry.platform.api.WorkspaceFlowService;
import dev.ferry.platform.api.WorkspaceService;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
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

    WorkspacesResource(WorkspaceService workspaces, WorkspaceFlowService flows) {
        this.workspaces = workspaces;
        this.flows = flows;
    }

    @GET
    public List<Workspace> list() {
        return workspaces.list();
    }

    @GET
    @Path("/{name}")
    public Workspace get(@PathParam("name") String name) {
        return workspaces.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewWorkspace request, @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidInputException("(body)", "a JSON object with name, type and description is required");
        }
        Workspace created = workspaces.create(request, Actors.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /** Removes a workspace (204); 409 naming its registrations while it has some. */
    @DELETE
    @Path("/{name}")
    public Response remove(@PathParam("name") String name, @Context SecurityContext security) {
        workspaces.remove(name, Actors.of(security));
        return Response.noContent().build();
    }

    /** The workspace's copies of flow templates. */
    @GET
    @Path("/{name}/flows")
    public List<WorkspaceFlow> flows(@PathParam("name") String name) {
        return flows.list(name);
    }

    /** One copy: its stages, the template's, and how they differ. */
    @GET
    @Path("/{name}/flows/{product}/{flow}")
    public WorkspaceFlow flow(@PathParam("name") String name, @PathParam("product") String product,
                              @PathParam("flow") String flow) {
        return flows.get(name, product, flow);
    }

    /** Replaces a copy's stages: the body is {@code {"stages": [...]}} (or the array itself). */
    @PUT
    @Path("/{name}/flows/{product}/{flow}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WorkspaceFlow editFlow(@PathParam("name") String name, @PathParam("product") String product,
                                  @PathParam("flow") String flow, String body, @Context SecurityContext security) {
        return flows.edit(name, product, flow, body, Actors.of(security));
    }

    /** Puts the template's stages back. */
    @POST
    @Path("/{name}/flows/{product}/{flow}/reset")
    public WorkspaceFlow resetFlow(@PathParam("name") String name, @PathParam("product") String product,
                                   @PathParam("flow") String flow, @Context SecurityContext security) {
        return flows.reset(name, product, flow, Actors.of(security));
    }
}
