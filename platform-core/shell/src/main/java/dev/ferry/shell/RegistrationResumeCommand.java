package dev.ferry.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "registration-resume", description = "Resumes a paused registration: its schedules run again")
public class RegistrationResumeCommand extends RegistrationPauseCommand {

    @Override
    boolean pausing() {
        return false;
    }
}
