package dev.ferry.platform.api;

import java.time.Instant;

/** A workspace: where a customer's data is stored and moved. */
public record Workspace(String name, WorkspaceType type, String description, Instant createdAt) {
}
