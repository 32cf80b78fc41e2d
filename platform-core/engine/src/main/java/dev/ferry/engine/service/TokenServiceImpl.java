package dev.ferry.engine.service;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.platform.api.ApiToken;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.IssuedToken;
import dev.ferry.platform.api.NewApiToken;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.TokenService;
import dev.ferry.platform.api.WorkspaceService;
import dev.ferry.store.ApiTokenEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens are {@code ferry_<id>_<secret>}: 32 random bytes, of which only the SHA-256 of the whole string is stored.
 * The id finds the row; the hash is compared in constant time.
 */
@Component(service = TokenService.class)
public class TokenServiceImpl implements TokenService {

    private static final Pattern SECRET = Pattern.compile("ferry_([0-9]{1,18})_([A-Za-z0-9_-]{43})");
    /** How stale {@code lastUsedAt} may get: a token in use is not written to on every request. */
    private static final Duration USE_GRANULARITY = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();

    @Reference
    private Store store;
    @Reference
    private WorkspaceService workspaces;
    @Reference
    private ActivityRecorder activity;

    @Override
    public IssuedToken issue(String workspace, NewApiToken request, String actor) {
        workspaces.get(workspace);
        if (request == null) {
            throw new InvalidInputException("(body)", "a JSON object with name (and role) is required");
        }
        String name = request.name() == null ? "" : request.name();
        if (!name.matches(WorkspaceServiceImpl.NAME)) {
            throw new InvalidInputException("name", "must be 1 to 63 lower-case letters, digits or '-', starting with a"
                    + " letter or digit");
        }
        String role = request.role() == null ? ROLES.get(0) : request.role();
        if (!ROLES.contains(role)) {
            throw new InvalidInputException("role", "'" + shown(role) + "' is not a token role: one of " + ROLES);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String[] secret = new String[1];
        ApiTokenEntity made = Conflicts.onDuplicate("workspace '" + workspace + "' has a token named '" + name
                + "' already (names stay taken after a revoke)", () -> store.inTransaction(em -> {
            boolean taken = ApiTokenEntity.of(em, workspace).stream().anyMatch(t -> t.name.equals(name));
            if (taken) {
                throw new ConflictException("workspace '" + workspace + "' has a token named '" + name
                        + "' already (names stay taken after a revoke)");
            }
            ApiTokenEntity t = new ApiTokenEntity();
            t.workspace = workspace;
            t.name = name;
            t.role = role;
            t.secretHash = "-";
            t.createdAt = Instant.now();
            t.createdBy = actor;
            em.persist(t);
            em.flush();
            secret[0] = "ferry_" + t.id + "_" + key;
            t.secretHash = hash(secret[0]);
            return t;
        }));
        ApiToken token = view(made);
        activity.record(new Activity("token.issued", actor, null, workspace, null, "API token '" + name + "' ("
                + role + ") issued for workspace " + workspace, null, RecordJson.write(token)));
        return new IssuedToken(token, secret[0]);
    }

    @Override
    public List<ApiToken> list(String workspace) {
        workspaces.get(workspace);
        return store.inTransaction(em -> ApiTokenEntity.of(em, workspace).stream().map(TokenServiceImpl::view).toList());
    }

    @Override
    public ApiToken revoke(String workspace, long id, String actor) {
        ApiToken[] before = new ApiToken[1];
        ApiToken after = store.inTransaction(em -> {
            ApiTokenEntity t = em.find(ApiTokenEntity.class, id);
            if (t == null || !t.workspace.equals(workspace)) {
                throw new NotFoundException("token", workspace + "/" + id);
            }
            before[0] = view(t);
            if (t.revokedAt == null) {
                t.revokedAt = Instant.now();
                t.revokedBy = actor;
            }
            return view(t);
        });
        if (before[0].revokedAt() == null) {
            activity.record(new Activity("token.revoked", actor, null, workspace, null, "API token '" + after.name()
                    + "' of workspace " + workspace + " revoked", RecordJson.write(before[0]), RecordJson.write(after)));
        }
        return after;
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        Matcher m = secret == null ? null : SECRET.matcher(secret);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(m.group(1));
        byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
        return Optional.ofNullable(store.inTransaction(em -> {
            ApiTokenEntity t = em.find(ApiTokenEntity.class, id);
            if (t == null || t.revokedAt != null
                    || !MessageDigest.isEqual(presented, t.secretHash.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
            Instant now = Instant.now();
            if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(USE_GRANULARITY))) {
                t.lastUsedAt = now;
            }
            return view(t);
        }));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static ApiToken view(ApiTokenEntity t) {
        return new ApiToken(t.id, t.workspace, t.name, t.role, t.createdAt, t.createdBy, t.lastUsedAt, t.revokedAt);
    }
}
