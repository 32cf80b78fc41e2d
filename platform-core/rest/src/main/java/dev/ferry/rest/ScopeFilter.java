package dev.ferry.rest;

import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.ext.Provider;

import java.util.List;
import java.util.Set;

/**
 * Keeps a workspace's API token inside its workspace before any resource runs: it reaches workspaces, registrations,
 * runs, the activity log and the schemas; a workspace or registration in the path must be its own. Lists are
 * narrowed and runs checked by the resources themselves ({@link Scope}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class ScopeFilter implements ContainerRequestFilter {

    static final Set<Class<?>> WORKSPACE_RESOURCES = Set.of(WorkspacesResource.class, RegistrationsResource.class,
            RunsResource.class, ActivityResource.class, SchemasResource.class);

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = Caller.current();
        if (caller == null || caller.workspace() == null || Anonymous.allowed(request)) {
            return;
        }
        OperationResourceInfo operation = JAXRSUtils.getCurrentMessage().getExchange().get(OperationResourceInfo.class);
        Class<?> resource = operation == null ? null : operation.getClassResourceInfo().getServiceClass();
        String path = "/" + request.getUriInfo().getPath();
        if (!WORKSPACE_RESOURCES.contains(resource) || path.equals("/activity/verify")) {
            request.abortWith(ProblemMapper.problem(403, "Forbidden", caller.getUserPrincipal().getName()
                    + " reaches only workspace '" + caller.workspace() + "' (its registrations, runs and activity): "
                    + path + " takes a user", List.of()));
            return;
        }
        String workspace = request.getUriInfo().getPathParameters().getFirst("name");
        String registration = resource == RegistrationsResource.class
                ? request.getUriInfo().getPathParameters().getFirst("id") : null;
        try {
            if (workspace != null) {
                Scope.check(workspace);
            }
            if (registration != null) {
                Scope.check(Scope.workspaceOf(registration));
            }
        } catch (javax.ws.rs.WebApplicationException refused) {
            request.abortWith(refused.getResponse());
        }
    }
}
