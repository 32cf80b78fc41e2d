package dev.ferry.shell;

import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceService;
import dev.ferry.platform.api.WorkspaceType;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "ferry", name = "workspace-create", description = "Creates a workspace, where a customer's data is stored and moved")
public class WorkspaceCreateCommand extends FerryCommand {

    @Argument(index = 0, name = "name", description = "Lower-case letters, digits and '-'", required = true)
    String name;

    @Option(name = "--type", description = "standard (default), custom, project or development")
    @org.apache.karaf.shell.api.action.Completion(value = StringsCompleter.class, values = {"standard", "custom", "project", "development"})
    String type = "standard";

    @Option(name = "--description", aliases = "-d", description = "What the workspace is for")
    String description;

    @Reference
    WorkspaceService workspaces;

    @Reference
    Session session;

    @Override
    protected Object run() {
        Workspace w = workspaces.create(new NewWorkspace(name, WorkspaceType.fromLabel(type), description), Format.actor(session));
        System.out.println("Workspace " + w.name() + " (" + w.type().label() + ") created");
        return null;
    }
}
