package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;

/** A command on one registration: its id is the first argument; the session names who acts. */
abstract class RegistrationCommand extends FerryCommand {

    @Argument(index = 0, name = "registration", description = "Registration id (workspace:product)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Reference
    RegistrationService registrations;

    @Reference
    Session session;
}
