package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "workspace-remove",
        description = "Removes a workspace without registrations, with its flow-template copies (run history and activity stay)")
public class WorkspaceRemoveCommand extends FerryCommand {

    @Argument(index = 0, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Reference
    WorkspaceService workspaces;

    @Reference
    Session session;

    @Override
    protected Object run() {
        workspaces.remove(workspace, Format.actor(session));
        System.out.println("Workspace " + workspace + " removed");
        return null;
    }
}
