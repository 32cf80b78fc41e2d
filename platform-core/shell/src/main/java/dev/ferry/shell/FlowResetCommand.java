package dev.ferry.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "flow-reset", description = "Puts the template's stages (of the registered version) back in a workspace's copy of a flow")
public class FlowResetCommand extends FlowCopyCommand {

    @Reference
    Session session;

    @Override
    protected Object run() {
        FlowShowCommand.print(flows.reset(workspace, product, flow, Format.actor(session)));
        return null;
    }
}
