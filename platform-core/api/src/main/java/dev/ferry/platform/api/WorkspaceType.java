package dev.ferry.platform.api;

import java.util.Locale;

/** What a workspace is for. */
public enum WorkspaceType {
    /** One company's data; standard products are registered here. */
    STANDARD,
    /** Hand-built integrations of one workspace. */
    CUSTOM,
    /** Several companies collaborating; project-based integrations only. */
    PROJECT,
    /** Made for a new product, for testing it. */
    DEVELOPMENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkspaceType fromLabel(String label) {
        for (WorkspaceType t : values()) {
            if (t.label().equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new InvalidInputException("type", "'" + label + "' is not a workspace type (standard, custom, project, development)");
    }
}
