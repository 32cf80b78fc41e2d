package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;

/**
 * An installed integration product version.
 *
 * @param available whether its bundle is installed right now (registrations of an unavailable product do not run)
 * @param source    the bundle it came from
 * @param state     {@code loaded}, {@code unavailable} (stored, its bundle not active) or {@code invalid} (its bundle
 *                  is active but its descriptor was refused: then {@code errors} says why, each with its path, and the
 *                  id and version are what the descriptor says, where it could be read that far)
 * @param errors    why an invalid product was refused; empty otherwise
 */
public record Product(String id, String version, String name, String description, String type, String lifecycle,
                      boolean available, String source, List<String> connectors, List<String> features,
                      List<String> services, List<String> flows, List<ProductConfig> configs, List<ProductJob> jobs,
                      Instant installedAt, String state, List<String> errors) {
}
