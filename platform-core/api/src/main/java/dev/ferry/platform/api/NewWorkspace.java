package dev.ferry.platform.api;

/** A request to create a workspace; {@code type} defaults to standard. */
public record NewWorkspace(String name, WorkspaceType type, String description) {
}
