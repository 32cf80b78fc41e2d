package dev.ferry.rest;

import dev.ferry.platform.api.InvalidInputException;

/** Query parameters that JAX-RS would otherwise turn into a bare 404 when they do not parse. */
final class Params {
    private Params() {
    }

    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "'" + value + "' is not a whole number");
        }
    }

    static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(name, "'" + value + "' is not true or false");
        };
    }
}
