package dev.ferry.rest;

import dev.ferry.platform.api.ApiToken;
import dev.ferry.platform.api.TokenService;
import org.apache.cxf.jaxrs.security.JAASAuthenticationFilter;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, for every path but {@code GET /health}: a Karaf user by HTTP Basic against the {@code karaf}
 * realm, or a workspace's API token by {@code Authorization: Bearer}. Either becomes the request's {@link Caller}. A
 * 401 is problem+json. Failed logins are logged with the user (or token id) and the caller's address, and repeated
 * ones lock that user out from that address for a while ({@link LoginThrottle}: a 429 with {@code Retry-After}, the
 * password not even checked).
 */
@Priority(Priorities.AUTHENTICATION)
final class Authentication extends JAASAuthenticationFilter {

    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final ThreadLocal<Boolean> failed = new ThreadLocal<>();

    Authentication(LoginThrottle throttle, TokenService tokens) {
        this.throttle = throttle;
        this.tokens = tokens;
        setContextName("karaf");
        setRealmName("Ferry");
        setRoleClassifier("RolePrincipal");
        setRoleClassifierType("classname");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (Anonymous.allowed(request)) {
            return;
        }
        String authorization = request.getHeaderString("Authorization");
        String source = callerAddress();
        String bearer = bearer(authorization);
        String user = bearer != null ? tokenLabel(bearer) : basicUser(authorization);
        if (user != null) {
            Optional<Duration> locked = throttle.locked(user, source);
            if (locked.isPresent()) {
                throttle.refused(user, source, "REST", locked.get());
                long seconds = Math.max(1, locked.get().toSeconds());
                request.abortWith(Response.fromResponse(ProblemMapper.problem(429, "Too Many Requests",
                                "too many failed logins of this user from " + source + ": try again in " + seconds + " s",
                                List.of()))
                        .header("Retry-After", String.valueOf(seconds)).build());
                return;
            }
        }
        if (bearer != null) {
            Optional<ApiToken> token = tokens.authenticate(bearer);
            if (token.isEmpty()) {
                throttle.failed(user, source, "REST");
                request.abortWith(unauthorized("the API token is unknown, wrong or revoked"));
                return;
            }
            throttle.succeeded(user, source);
            Caller.token(token.get()).install(JAXRSUtils.getCurrentMessage());
            return;
        }
        failed.set(false);
        try {
            super.filter(request);
            if (user != null && failed.get()) {
                throttle.failed(user, source, "REST");
            } else if (user != null) {
                throttle.succeeded(user, source);
            }
        } finally {
            failed.remove();
        }
        Message message = JAXRSUtils.getCurrentMessage();
        SecurityContext login = message.get(SecurityContext.class);
        if (login != null && !(login instanceof Caller) && login.getUserPrincipal() != null) {
            Caller.user(login).install(message);
        }
    }

    /** 401 as problem+json, like every other error, still asking for Basic credentials. */
    @Override
    protected Response handleAuthenticationException(SecurityException e, Message message) {
        failed.set(true);
        return unauthorized("this takes a user (HTTP Basic with a user of Karaf's realm, etc/users.properties) or a"
                + " workspace's API token (Authorization: Bearer)");
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMapper.problem(401, "Unauthorized", detail, List.of()))
                .header("WWW-Authenticate", "Basic realm=\"Ferry\"").build();
    }

    /** The user an HTTP Basic header names, or null when there is none (or it cannot be read). */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The secret of a Bearer header, or null when it is no Bearer header. */
    static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    private static final java.util.regex.Pattern TOKEN_ID = java.util.regex.Pattern.compile("ferry_([0-9]{1,18})_.*");

    /** How the throttle and the log name a token: by its id, never its secret. */
    static String tokenLabel(String secret) {
        java.util.regex.Matcher id = TOKEN_ID.matcher(secret);
        return id.matches() ? "token " + id.group(1) : "a malformed token";
    }

    /** The address the current request came from, as the HTTP server saw it. */
    private static String callerAddress() {
        Message message = JAXRSUtils.getCurrentMessage();
        Object request = message == null ? null : message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : "an unknown address";
    }
}
