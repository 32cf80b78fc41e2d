package dev.ferry.rest;

import dev.ferry.platform.api.InvalidInputException;

/** Query and path parameters that JAX-RS would otherwise turn into a bare 404 when they do not parse. */
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

    /** A numeric id in a path; {@code aKind} names its kind in the error ("a run", "an action"). */
    static long id(String name, String value, String aKind) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "'" + value + "' is not " + aKind + " id (a number)");
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
