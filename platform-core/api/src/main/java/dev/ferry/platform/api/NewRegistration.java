package dev.ferry.platform.api;

import java.util.Map;

/** A request to register a product (its newest available version when {@code version} is null) to a workspace. */
public record NewRegistration(String product, String version, String workspace, Map<String, String> config) {
}
