package dev.ferry.shell;

import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes workspace names. */
@Service
public class WorkspaceCompleter implements Completer {

    @Reference
    WorkspaceService workspaces;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        workspaces.list().stream().map(Workspace::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
