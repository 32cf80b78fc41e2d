package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.RegistrationUpdate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "registration-sync",
        description = "Syncs a registration to its product version's definition as it is now (resetting the caches of changed data objects)")
public class RegistrationSyncCommand implements Action {

    @Option(name = "--preview", description = "Only show what the sync would do")
    boolean preview;

    @Argument(index = 0, name = "registration", description = "Registration id (workspace:product)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    /** Karaf stops reading options at the first argument: --preview after the registration, too. */
    @Argument(index = 1, name = "options", description = "--preview", multiValued = true)
    java.util.List<String> trailing;

    @Reference
    RegistrationService registrations;

    @Reference
    Session session;

    @Override
    public Object execute() {
        for (String option : trailing == null ? java.util.List.<String>of() : trailing) {
            if (!option.equals("--preview")) {
                throw new dev.ferry.platform.api.InvalidInputException(option, "is not an option of ferry:registration-sync (--preview)");
            }
            preview = true;
        }
        RegistrationUpdateCommand.print(registrations.update(registration,
                RegistrationUpdate.SYNC, preview, Format.actor(session)));
        return null;
    }
}
