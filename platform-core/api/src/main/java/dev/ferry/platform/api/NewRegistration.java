package dev.ferry.platform.api;

import java.util.Map;

/**
 * A request to register a product (its newest available version when {@code version} is null) to a workspace.
 *
 * @param test whether to test the services' connections first and refuse values that cannot work (default true);
 *             false registers anyway, marked failing when a test fails
 */
public record NewRegistration(String product, String version, String workspace, Map<String, String> config, Boolean test) {

    public boolean testing() {
        return test == null || test;
    }
}
