package dev.ferry.platform.api;

/**
 * A token to make: its name (1 to 63 lower-case letters, digits or '-') and role ({@code viewer}, the default, or
 * {@code operator}).
 */
public record NewApiToken(String name, String role) {
}
