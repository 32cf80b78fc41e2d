package dev.ferry.shell;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunQuery;
import dev.ferry.platform.api.RunService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "run-list", description = "Lists job runs, newest first, with their counts and progress")
public class RunListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Option(name = "--wide", description = "Every column: workspace, trigger, finished, took, step, each kind of change,"
            + " rejected rows, message (wider than 120 columns)")
    boolean wide;

    @Option(name = "--registration", aliases = "-r", description = "Only this registration's runs")
    @Completion(RegistrationCompleter.class)
    String registration;

    @Option(name = "--workspace", aliases = "-w", description = "Only this workspace's runs")
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Option(name = "--job", aliases = "-j", description = "Only this job's runs")
    String job;

    @Option(name = "--limit", aliases = "-n", description = "How many runs (default 20)")
    int limit = 20;

    @Reference
    RunService runs;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(runs.list(new RunQuery(registration, workspace, job, limit)));
        }
        ShellTable table = new ShellTable();
        if (!wide) {
            // within 120 columns: what a run did at a glance; --wide or ferry:run-show for the rest
            for (String c : new String[]{"Run", "Registration", "Job", "Status", "Started", "Read", "Changed", "Actions ok/failed", "Rate"}) {
                table.column(c);
            }
            for (JobRun r : runs.list(new RunQuery(registration, workspace, job, limit))) {
                table.addRow().addContent(r.id(), Format.cut(r.registration(), 28), Format.cut(r.job(), 12),
                        r.status().name().toLowerCase(), Format.shortTime(r.startedAt()), Format.count(r.rowsRead()),
                        Format.count(r.inserted() + r.updated() + r.deleted()),
                        Format.count(r.actionsSucceeded()) + "/" + Format.count(r.actionsFailed()), Format.rate(r.rowsPerSecond()));
            }
            table.print(System.out);
            return null;
        }
        for (String c : new String[]{"Run", "Registration", "Workspace", "Job", "Trigger", "Status", "Started", "Finished",
                "Took", "Step", "Read", "Inserted", "Updated", "Deleted", "Rejected", "Actions ok", "Actions failed", "Rate", "Message"}) {
            table.column(c);
        }
        for (JobRun r : runs.list(new RunQuery(registration, workspace, job, limit))) {
            table.addRow().addContent(r.id(), r.registration(), r.workspace(), r.job(), r.trigger(),
                    r.status().name().toLowerCase(), Format.time(r.startedAt()), Format.time(r.finishedAt()),
                    Format.duration(r.startedAt(), r.finishedAt()), r.step() == null ? "" : r.step(), Format.count(r.rowsRead()), Format.count(r.inserted()),
                    Format.count(r.updated()), Format.count(r.deleted()), Format.count(r.rowsRejected()),
                    Format.count(r.actionsSucceeded()), Format.count(r.actionsFailed()), Format.rate(r.rowsPerSecond()),
                    r.message() == null ? "" : r.message());
        }
        table.print(System.out);
        return null;
    }
}
