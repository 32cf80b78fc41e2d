package dev.ferry.platform.api;

/**
 * Filters for a registration's actions; null fields do not filter. Oldest first, at most {@code limit}.
 *
 * @param status {@code failed}, {@code retry}, {@code dead} or {@code pending}
 */
public record ActionQuery(String service, String status, int limit) {
}
