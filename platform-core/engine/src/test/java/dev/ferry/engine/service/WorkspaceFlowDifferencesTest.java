package dev.ferry.engine.service;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;

public class WorkspaceFlowDifferencesTest {

    @Test
    public void aCopyIsComparedWithItsTemplateStageByStage() {
        String template = "[{\"map\":{\"ID\":\"id\"}},{\"filter\":{\"jq\":\".a\"}}]";
        assertEquals(List.of(), WorkspaceFlowServiceImpl.differences(template, "[{\"map\": {\"ID\": \"id\"}}, {\"filter\": {\"jq\": \".a\"}}]"));
        assertEquals(List.of("stages[1]: changed from {\"filter\":{\"jq\":\".a\"}} to {\"filter\":{\"jq\":\".b\"}}",
                        "stages[2]: added {\"map\":{\"X\":\"x\"}}"),
                WorkspaceFlowServiceImpl.differences(template,
                        "[{\"map\":{\"ID\":\"id\"}},{\"filter\":{\"jq\":\".b\"}},{\"map\":{\"X\":\"x\"}}]"));
        assertEquals(List.of("stages[1]: removed (the template has {\"filter\":{\"jq\":\".a\"}})"),
                WorkspaceFlowServiceImpl.differences(template, "[{\"map\":{\"ID\":\"id\"}}]"));
    }
}
