package dev.ferry.shell;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "run-cancel",
        description = "Asks a running job run to stop at its next page (what it stored stays; the next run goes on from there)")
public class RunCancelCommand extends FerryCommand {

    @Argument(index = 0, name = "run", description = "Run id (see ferry:run-list)", required = true)
    long id;

    @Reference
    RunService runs;

    @Reference
    Session session;

    @Override
    protected Object run() {
        JobRun r = runs.cancel(id, Format.actor(session));
        System.out.println("Run " + r.id() + " of job '" + r.job() + "' of " + r.registration() + " asked to stop; it ends"
                + " cancelled at its next page (ferry:run-show " + r.id() + ")");
        return null;
    }
}
