package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationUpdate;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "registration-sync",
        description = "Syncs a registration to its product version's definition as it is now (resetting the caches of changed data objects)")
public class RegistrationSyncCommand extends RegistrationCommand {

    @Option(name = "--preview", description = "Only show what the sync would do")
    boolean preview;

    /** Karaf stops reading options at the first argument: --preview after the registration, too. */
    @Argument(index = 1, name = "options", description = "--preview", multiValued = true)
    java.util.List<String> trailing;

    @Override
    protected Object run() {
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
