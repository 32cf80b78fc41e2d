package dev.ferry.rest;

import java.util.List;

/**
 * Ferry's roles, each holding the rights of those below it: {@code viewer} reads everything, records included;
 * {@code operator} also runs, cancels, pauses, resumes, retries, syncs and edits configs; {@code manager} also
 * creates and removes workspaces, registrations and tokens, publishes products and rolls them out; {@code admin}
 * may do anything (rotating the secret key, verifying the activity log). Resource methods name the lowest role that
 * may call them with {@code @RolesAllowed}.
 */
final class Roles {
    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";
    static final String MANAGER = "manager";
    static final String ADMIN = "admin";
    /** Lowest first. */
    static final List<String> ORDER = List.of(VIEWER, OPERATOR, MANAGER, ADMIN);

    private Roles() {
    }

    /** The role and every role above it: any of them may do what the role may. */
    static List<String> atLeast(String role) {
        int at = ORDER.indexOf(role);
        return at < 0 ? List.of(role) : ORDER.subList(at, ORDER.size());
    }
}
