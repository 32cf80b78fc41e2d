package dev.ferry.platform.api;

import java.time.Instant;

/**
 * An API token that reaches one workspace only, with one role ({@code viewer} or {@code operator}): what a REST
 * client of that workspace (a customer's script, a CI job) signs in with instead of a Karaf user. Only a hash of
 * its secret is stored; the secret is shown once, when the token is made ({@link IssuedToken}).
 *
 * @param id         the token's number, also the part of the secret before its last {@code _}
 * @param name       what it is for, unique in its workspace
 * @param lastUsedAt when it last signed a request in (to the minute), or null
 * @param revokedAt  when it was revoked (it signs nothing in since), or null
 */
public record ApiToken(long id, String workspace, String name, String role, Instant createdAt, String createdBy,
                       Instant lastUsedAt, Instant revokedAt) {

    /** What the activity log and error messages call it: {@code token:<workspace>/<name>}. */
    public String actor() {
        return "token:" + workspace + "/" + name;
    }
}
