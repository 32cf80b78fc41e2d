package dev.ferry.rest;

import javax.ws.rs.core.SecurityContext;

/** Who made a request, as the activity log records it. */
final class Actors {
    private Actors() {
    }

    static String of(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
