package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationUpdate;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "registration-pause", description = "Pauses a registration: none of its jobs runs, on schedule or by hand, until it is resumed (its cache and queued actions stay)")
public class RegistrationPauseCommand extends RegistrationCommand {

    @Override
    protected Object run() {
        registrations.update(registration, RegistrationUpdate.pause(pausing()), false, Format.actor(session));
        System.out.println("Registration " + registration + ": " + registrations.get(registration).runtime());
        return null;
    }

    /** Whether this command pauses (or resumes). */
    boolean pausing() {
        return true;
    }
}
