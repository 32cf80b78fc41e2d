package dev.ferry.rest;

import dev.ferry.platform.api.ApiToken;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;

import java.security.Principal;
import java.util.function.Predicate;

/**
 * Who sent a request, as authorization sees it: a Karaf user (every workspace) or a workspace's API token (that
 * workspace only). A role includes the rights of the roles below it ({@link Roles}).
 */
final class Caller implements SecurityContext {

    private final Principal principal;
    private final Predicate<String> holds;
    private final String workspace;

    private Caller(Principal principal, Predicate<String> holds, String workspace) {
        this.principal = principal;
        this.holds = holds;
        this.workspace = workspace;
    }

    /** A user signed in through Karaf's realm, with the roles it has there. */
    static Caller user(SecurityContext login) {
        return new Caller(login.getUserPrincipal(), login::isUserInRole, null);
    }

    /** A workspace's API token, with its one role. */
    static Caller token(ApiToken token) {
        String name = token.actor();
        return new Caller(() -> name, token.role()::equals, token.workspace());
    }

    /** The caller of the request this thread serves, or null before authentication. */
    static Caller current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message != null && message.get(SecurityContext.class) instanceof Caller c ? c : null;
    }

    /** Makes this the request's security context (what {@code @Context SecurityContext} and authorization read). */
    void install(Message message) {
        message.put(SecurityContext.class, this);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return Roles.atLeast(role).stream().anyMatch(holds);
    }

    /** The one workspace a token reaches, or null for a user, who reaches all. */
    String workspace() {
        return workspace;
    }
}
