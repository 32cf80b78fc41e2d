package dev.ferry.platform.api;

import java.util.List;

/**
 * A shared flow found in an installed bundle.
 *
 * @param state  {@code installed}, or {@code invalid} when its descriptor was refused ({@code errors} says why; the
 *               id is then the bundle's symbolic name and the version its bundle version)
 * @param stages how many stages it has
 * @param configs the names of its configs
 */
public record SharedFlow(String id, String version, String name, String description, String source, String state,
                         int stages, List<String> configs, List<String> errors) {
}
