package dev.ferry.platform.api;

import java.util.List;

/**
 * Workspaces' copies of flow templates: a product's flow marked as a template is copied into each workspace the
 * product is registered in, and may be edited there, for that workspace only.
 */
public interface WorkspaceFlowService {

    /** @throws NotFoundException when the workspace does not exist */
    List<WorkspaceFlow> list(String workspace);

    /** @throws NotFoundException when the workspace has no copy of that flow */
    WorkspaceFlow get(String workspace, String product, String flow);

    /**
     * Replaces the copy's stages, checked as the product's own would be (fields, configs, expressions); the
     * workspace's registration of the product runs them from its next page on.
     *
     * @param stages the stages as JSON: an array of stages, or an object with {@code stages}
     * @throws InvalidInputException listing every problem with its path; nothing changes
     */
    WorkspaceFlow edit(String workspace, String product, String flow, String stages, String actor);

    /** Puts the template's stages (of the registered version) back in place of the copy's. */
    WorkspaceFlow reset(String workspace, String product, String flow, String actor);
}
