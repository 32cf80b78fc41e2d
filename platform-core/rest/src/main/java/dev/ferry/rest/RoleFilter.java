package dev.ferry.rest;

import org.apache.cxf.interceptor.security.AbstractAuthorizingInInterceptor;
import org.apache.cxf.interceptor.security.AccessDeniedException;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

import javax.annotation.Priority;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Authorization by the {@code @RolesAllowed} on each resource method (or its class), through CXF's own authorizing
 * interceptor; a method without one takes {@code admin}. Runs after authentication, which has made the caller a
 * {@link Caller} whose roles include those below them ({@link Roles}). A refusal is a 403 problem naming the role it
 * takes.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleFilter implements ContainerRequestFilter {

    private final RolesAllowedInterceptor interceptor = new RolesAllowedInterceptor();

    @Override
    public void filter(ContainerRequestContext request) {
        if (Anonymous.allowed(request)) {
            return;
        }
        Message message = JAXRSUtils.getCurrentMessage();
        try {
            interceptor.handleMessage(message);
        } catch (AccessDeniedException e) {
            Caller caller = Caller.current();
            String who = caller == null ? "anonymous" : caller.getUserPrincipal().getName();
            List<String> roles = org.apache.cxf.message.MessageUtils.getTargetMethod(message)
                    .map(RolesAllowedInterceptor::roles).orElse(List.of(Roles.ADMIN));
            request.abortWith(ProblemMapper.problem(403, "Forbidden", who + " may not " + request.getMethod() + " /"
                    + request.getUriInfo().getPath() + ": it takes the role " + String.join(" or ", roles)
                    + (roles.contains(Roles.ADMIN) ? "" : " (or a higher one)"), List.of()));
        }
    }

    /** CXF's authorizing interceptor, reading the roles off the resource method that will serve the request. */
    static final class RolesAllowedInterceptor extends AbstractAuthorizingInInterceptor {
        RolesAllowedInterceptor() {
            setAllowAnonymousUsers(false);
        }

        @Override
        protected List<String> getExpectedRoles(Method method) {
            return roles(method);
        }

        static List<String> roles(Method method) {
            RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
            if (allowed == null) {
                allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
            }
            return allowed == null ? List.of(Roles.ADMIN) : List.of(allowed.value());
        }
    }
}
