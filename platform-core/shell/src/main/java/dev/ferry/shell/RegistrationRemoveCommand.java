package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "registration-remove",
        description = "Stops a registration's runs and jobs and removes it with its cache and queued actions (run history and activity stay)")
public class RegistrationRemoveCommand implements Action {

    @Argument(index = 0, name = "registration", description = "Registration id (workspace:product)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Reference
    RegistrationService registrations;

    @Reference
    Session session;

    @Override
    public Object execute() {
        registrations.remove(registration, Format.actor(session));
        System.out.println("Registration " + registration + " removed");
        return null;
    }
}
