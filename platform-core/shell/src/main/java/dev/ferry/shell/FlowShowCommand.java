package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlow;
import dev.ferry.platform.api.WorkspaceFlowService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "flow-show", description = "Shows a workspace's copy of a flow template: its stages and how they differ from the template")
public class FlowShowCommand implements Action {

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

    @Override
    public Object execute() {
        print(flows.get(workspace, product, flow));
        return null;
    }

    static void print(WorkspaceFlow f) {
        System.out.println("Flow " + f.flow() + " of " + f.product() + " in workspace " + f.workspace() + ": copied from "
                + f.templateVersion() + ", " + (f.edited() ? "edited" : "as the template") + ", updated "
                + Format.time(f.updatedAt()) + " by " + f.updatedBy());
        if (f.templateChanged()) {
            System.out.println("  the product's template has changed since it was copied (ferry:flow-reset takes it)");
        }
        System.out.println("  stages:");
        f.stages().forEach(s -> System.out.println("    " + Format.json(s)));
        if (!f.differences().isEmpty()) {
            System.out.println("  differences from the template:");
            f.differences().forEach(d -> System.out.println("    " + d));
        }
    }
}
