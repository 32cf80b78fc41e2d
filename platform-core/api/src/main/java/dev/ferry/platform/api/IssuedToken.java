package dev.ferry.platform.api;

/**
 * A token just made, with its secret ({@code ferry_<id>_<43 characters>}): the only time the secret is shown. A
 * client sends it as {@code Authorization: Bearer <secret>}.
 */
public record IssuedToken(ApiToken token, String secret) {
}
