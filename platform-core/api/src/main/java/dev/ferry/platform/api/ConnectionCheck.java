package dev.ferry.platform.api;

/**
 * Whether a registration's service can reach its external system.
 *
 * @param message what the connector found, in a user's words (e.g. "connected to PostgreSQL 15.4")
 */
public record ConnectionCheck(String service, String connector, boolean ok, String message) {
}
