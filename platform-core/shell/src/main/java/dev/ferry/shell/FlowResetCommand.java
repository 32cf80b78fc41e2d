package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlowService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "flow-reset", description = "Puts the template's stages (of the registered version) back in a workspace's copy of a flow")
public class FlowResetCommand implements Action {

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
    @Reference
    Session session;

    @Override
    public Object execute() {
        FlowShowCommand.print(flows.reset(workspace, product, flow, Format.actor(session)));
        return null;
    }
}
