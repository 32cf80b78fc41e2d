package dev.ferry.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "registration-remove",
        description = "Stops a registration's runs and jobs and removes it with its cache and queued actions (run history and activity stay)")
public class RegistrationRemoveCommand extends RegistrationCommand {

    @Override
    protected Object run() {
        registrations.remove(registration, Format.actor(session));
        System.out.println("Registration " + registration + " removed");
        return null;
    }
}
