package dev.ferry.shell;

import dev.ferry.platform.api.WorkspaceFlowService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.nio.file.Files;
import java.nio.file.Path;

@Service
@Command(scope = "ferry", name = "flow-edit", description = "Replaces the stages of a workspace's copy of a flow template with those in a JSON file (checked first; the workspace's registration runs them from its next page)")
public class FlowEditCommand implements Action {

    @Argument(index = 0, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;
    @Argument(index = 1, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;
    @Argument(index = 2, name = "flow", description = "Flow id (a template of the product)", required = true)
    String flow;
    @Argument(index = 3, name = "file", description = "JSON file: an array of stages, or {\"stages\": [...]}", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    WorkspaceFlowService flows;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("file: " + file + " is not a file");
        }
        FlowShowCommand.print(flows.edit(workspace, product, flow, Files.readString(path), Format.actor(session)));
        return null;
    }
}
