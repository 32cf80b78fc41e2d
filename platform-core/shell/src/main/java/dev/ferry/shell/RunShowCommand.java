package dev.ferry.shell;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunIssue;
import dev.ferry.platform.api.RunService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "run-show", description = "Shows one job run with its rejected records")
public class RunShowCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "run", description = "Run id (see ferry:run-list)", required = true)
    long id;

    @Reference
    RunService runs;

    @Override
    protected Object run() {
        JobRun r = runs.get(id);
        if (json) {
            return Format.printJson(r);
        }
        System.out.println("Run " + r.id() + ": job '" + r.job() + "' of " + r.registration() + " (workspace " + r.workspace()
                + "), " + r.trigger());
        System.out.println("  status    " + r.status().name().toLowerCase() + (r.step() == null ? "" : " (step " + r.step() + ")"));
        System.out.println("  started   " + Format.time(r.startedAt()));
        System.out.println("  finished  " + Format.time(r.finishedAt()));
        System.out.println("  read      " + Format.count(r.rowsRead()) + " (" + r.inserted() + " inserted, " + r.updated()
                + " updated, " + r.deleted() + " deleted, " + r.unchanged() + " unchanged, " + r.rowsRejected() + " rejected)");
        System.out.println("  actions   " + r.actionsSucceeded() + " succeeded, " + r.actionsFailed() + " failed");
        System.out.println("  rate      " + Format.rate(r.rowsPerSecond()));
        if (r.message() != null) {
            System.out.println("  message   " + r.message());
        }
        for (RunIssue issue : r.issues()) {
            System.out.println("  rejected in " + issue.step() + ": " + issue.location() + ": " + issue.reason());
        }
        return null;
    }
}
