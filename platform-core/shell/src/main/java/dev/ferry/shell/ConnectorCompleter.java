package dev.ferry.shell;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.InstalledConnector;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the ids of installed connectors. */
@Service
public class ConnectorCompleter implements Completer {

    @Reference
    ConnectorService connectors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        connectors.list().stream().map(InstalledConnector::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
