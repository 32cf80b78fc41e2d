package dev.ferry.shell;

import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes registration ids. */
@Service
public class RegistrationCompleter implements Completer {

    @Reference
    RegistrationService registrations;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        registrations.list(null).stream().map(Registration::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
