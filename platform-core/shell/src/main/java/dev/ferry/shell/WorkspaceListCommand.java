package dev.ferry.shell;

import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "workspace-list", description = "Lists workspaces")
public class WorkspaceListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Reference
    WorkspaceService workspaces;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(workspaces.list());
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Created");
        table.column("Description").maxSize(60).wrap();
        for (Workspace w : workspaces.list()) {
            table.addRow().addContent(w.name(), w.type().label(), Format.time(w.createdAt()), w.description());
        }
        table.print(System.out);
        return null;
    }
}
