package dev.ferry.shell;

import dev.ferry.platform.api.FerryException;
import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the jobs of the registration named before it on the command line. */
@Service
public class JobCompleter implements Completer {

    @Reference
    RegistrationService registrations;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter jobs = new StringsCompleter();
        String[] args = commandLine.getArguments();
        int registrationIndex = commandLine.getCursorArgumentIndex() - 1;
        if (registrationIndex >= 1 && registrationIndex < args.length) {
            try {
                jobs.getStrings().addAll(registrations.get(args[registrationIndex]).jobs());
            } catch (FerryException e) {
                // not a registration (yet): nothing to offer
            }
        }
        return jobs.complete(session, commandLine, candidates);
    }
}
