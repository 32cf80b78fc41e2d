package dev.ferry.platform.api;

import java.util.List;

/** Whether the platform is up: its store, its scheduler and the registrations it runs. */
public interface HealthService {

    /** Each part of the platform with its state; the platform is up when every part is. */
    List<Check> check();

    /** The platform's state from its parts': {@code up} when every part is, {@code down} when one is, else {@code starting}. */
    static String status(List<Check> checks) {
        return checks.stream().allMatch(Check::healthy) ? "up"
                : checks.stream().anyMatch(c -> c.status().equals("down")) ? "down" : "starting";
    }

    /**
     * One part of the platform.
     *
     * @param status {@code up}, {@code starting} or {@code down}
     * @param detail what was found, in words
     */
    record Check(String name, String status, String detail) {
        public static Check up(String name, String detail) {
            return new Check(name, "up", detail);
        }

        public boolean healthy() {
            return "up".equals(status);
        }
    }
}
