package dev.ferry.rest;

import javax.ws.rs.WebApplicationException;

import java.util.List;

/**
 * Keeps a workspace's API token inside its workspace: lists are narrowed to it, and anything of another workspace
 * is refused with 403 naming both.
 */
final class Scope {
    private Scope() {
    }

    /** The workspace a list is narrowed to: the one asked for, or the token's own (asking for another is refused). */
    static String narrowed(String requested) {
        Caller caller = Caller.current();
        if (caller == null || caller.workspace() == null) {
            return requested;
        }
        if (requested != null && !requested.equals(caller.workspace())) {
            throw refused(requested);
        }
        return caller.workspace();
    }

    /** Refuses a token of another workspace than the one a request touches. */
    static void check(String workspace) {
        Caller caller = Caller.current();
        if (caller != null && caller.workspace() != null && !caller.workspace().equals(workspace)) {
            throw refused(workspace);
        }
    }

    /** The workspace of a registration id ({@code <workspace>:<product>}). */
    static String workspaceOf(String registration) {
        int colon = registration == null ? -1 : registration.indexOf(':');
        return colon < 0 ? registration : registration.substring(0, colon);
    }

    private static WebApplicationException refused(String workspace) {
        Caller caller = Caller.current();
        return new WebApplicationException(ProblemMapper.problem(403, "Forbidden", caller.getUserPrincipal().getName()
                + " reaches only workspace '" + caller.workspace() + "', not '" + ProblemMapper.capped(workspace) + "'",
                List.of()));
    }
}
