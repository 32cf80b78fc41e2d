package dev.ferry.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Service
@Command(scope = "ferry", name = "flow-edit", description = "Replaces the stages of a workspace's copy of a flow template with those in a JSON file (checked first; the workspace's registration runs them from its next page)")
public class FlowEditCommand extends FlowCopyCommand {

    @Argument(index = 3, name = "file", description = "JSON file: an array of stages, or {\"stages\": [...]}", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    Session session;

    @Override
    protected Object run() throws Exception {
        FlowShowCommand.print(flows.edit(workspace, product, flow, Format.readFile(file), Format.actor(session)));
        return null;
    }
}
