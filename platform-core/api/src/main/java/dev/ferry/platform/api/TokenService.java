package dev.ferry.platform.api;

import java.util.List;
import java.util.Optional;

/** Workspace-scoped API tokens: made, listed and revoked by managers; checked on every REST request that sends one. */
public interface TokenService {

    /** The roles a token may have, lowest first: a token never has more than an operator's rights. */
    List<String> ROLES = List.of("viewer", "operator");

    /** Makes a token for the workspace; the answer holds its secret, which is not stored and cannot be read again. */
    IssuedToken issue(String workspace, NewApiToken request, String actor);

    /** The workspace's tokens, revoked ones included, newest first; never their secrets. */
    List<ApiToken> list(String workspace);

    /** Revokes a token of the workspace: it signs nothing in from now on. Revoking it again changes nothing. */
    ApiToken revoke(String workspace, long id, String actor);

    /** The live token a presented secret belongs to, or empty when it is unknown, wrong or revoked. */
    Optional<ApiToken> authenticate(String secret);
}
