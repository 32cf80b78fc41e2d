package dev.ferry.platform.api;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's copy of a product's flow template: the stages that workspace's registration of the product runs for
 * the flow.
 *
 * @param templateVersion the product version whose template was copied
 * @param edited          whether the copy was edited in this workspace
 * @param stages          the copy's stages (as in the product descriptor)
 * @param template        the template's stages as they were copied
 * @param differences     how the copy differs from the template, stage by stage ({@code stages[1]: changed …}); empty
 *                        when it does not
 * @param templateChanged whether the product's template (at the registered version) differs now from what was copied
 */
public record WorkspaceFlow(String workspace, String product, String flow, String templateVersion, boolean edited,
                            List<Object> stages, List<Object> template, List<String> differences,
                            boolean templateChanged, Instant updatedAt, String updatedBy) {
}
