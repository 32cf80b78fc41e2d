package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlow;
import dev.ferry.platform.api.WorkspaceFlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "flow-list", description = "Lists a workspace's copies of flow templates, and whether each was edited there")
public class FlowListCommand extends FerryCommand {

    @Argument(index = 0, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Reference
    WorkspaceFlowService flows;

    @Override
    protected Object run() {
        ShellTable table = new ShellTable();
        table.column("Product");
        table.column("Flow");
        table.column("Copied from");
        table.column("Edited");
        table.column("Template changed");
        table.column("Updated");
        for (WorkspaceFlow f : flows.list(workspace)) {
            table.addRow().addContent(f.product(), f.flow(), f.templateVersion(),
                    f.edited() ? "yes (" + f.differences().size() + " difference(s))" : "no",
                    f.templateChanged() ? "yes" : "no", Format.time(f.updatedAt()) + " by " + f.updatedBy());
        }
        table.print(System.out);
        return null;
    }
}
