package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** A command on one workspace's copy of a flow template: its workspace, product and flow, the first arguments. */
abstract class FlowCopyCommand extends FerryCommand {

    @Argument(index = 0, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;
    @Argument(index = 1, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;
    @Argument(index = 2, name = "flow", description = "Flow id (a template of the product)", required = true)
    String flow;

    @Reference
    WorkspaceFlowService flows;
}
