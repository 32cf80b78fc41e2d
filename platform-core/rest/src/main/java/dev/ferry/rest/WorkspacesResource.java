package dev.ferry.rest;

import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceService;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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

    WorkspacesResource(WorkspaceService workspaces) {
        this.workspaces = workspaces;
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
}
