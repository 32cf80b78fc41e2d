package dev.ferry.shell;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunIssue;
import dev.ferry.platform.api.RunService;
import dev.ferry.platform.api.RunStatus;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "job-run", description = "Runs a job of a registration now and shows its progress")
public class JobRunCommand extends FerryCommand {

    @Argument(index = 0, name = "registration", description = "Registration id (workspace:product)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Argument(index = 1, name = "job", description = "Job id", required = true)
    @Completion(JobCompleter.class)
    String job;

    @Option(name = "--background", aliases = "-b", description = "Start it and return; follow it with ferry:run-list")
    boolean background;

    @Option(name = "--timeout", description = "Seconds to follow the run before returning (it goes on)")
    int timeoutSeconds = 600;

    @Reference
    RunService runs;

    @Reference
    Session session;

    @Override
    protected Object run() throws InterruptedException {
        JobRun run = runs.start(registration, job, Format.actor(session));
        System.out.println("Run " + run.id() + " of job '" + job + "' for " + registration + " started");
        if (background) {
            return null;
        }
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        String last = "";
        while (run.status() == RunStatus.RUNNING && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            run = runs.get(run.id());
            String line = "  " + (run.step() == null ? "starting" : run.step()) + ": " + Format.count(run.rowsRead()) + " read, "
                    + Format.count(run.actionsSucceeded() + run.actionsFailed()) + " actions, " + Format.rate(run.rowsPerSecond());
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
        }
        if (run.status() == RunStatus.RUNNING) {
            System.out.println("Run " + run.id() + " is still running; follow it with ferry:run-list");
            return null;
        }
        System.out.println("Run " + run.id() + " " + run.status().name().toLowerCase() + ": " + Format.count(run.rowsRead())
                + " read (" + run.inserted() + " inserted, " + run.updated() + " updated, " + run.deleted() + " deleted, "
                + run.unchanged() + " unchanged, " + run.rowsRejected() + " rejected), actions " + run.actionsSucceeded()
                + " succeeded, " + run.actionsFailed() + " failed, " + Format.rate(run.rowsPerSecond()));
        if (run.message() != null) {
            System.out.println("  " + run.message());
        }
        for (RunIssue issue : run.issues()) {
            System.out.println("  rejected in " + issue.step() + ": " + issue.location() + ": " + issue.reason());
        }
        return null;
    }
}
