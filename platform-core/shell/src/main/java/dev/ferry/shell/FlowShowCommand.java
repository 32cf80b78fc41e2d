package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlow;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "flow-show", description = "Shows a workspace's copy of a flow template: its stages and how they differ from the template")
public class FlowShowCommand extends FlowCopyCommand {

    @Override
    protected Object run() {
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
