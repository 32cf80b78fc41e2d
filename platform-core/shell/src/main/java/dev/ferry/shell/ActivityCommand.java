package dev.ferry.shell;

import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;


@Service
@Command(scope = "ferry", name = "activity", description = "Shows the activity log: who changed what and when, newest first")
public class ActivityCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Option(name = "--wide", description = "Columns as wide as their text (wider than 120 columns)")
    boolean wide;

    @Option(name = "--product", aliases = "-p", description = "Only changes of this product")
    @Completion(ProductCompleter.class)
    String product;

    @Option(name = "--workspace", aliases = "-w", description = "Only changes in this workspace")
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Option(name = "--actor", aliases = "-a", description = "Only changes by this user")
    String actor;

    @Option(name = "--since", description = "Only changes since an ISO-8601 instant or a duration ago (PT1H, P1D)")
    String since;

    @Option(name = "--limit", aliases = "-n", description = "How many entries (default 50)")
    int limit = 50;

    @Option(name = "--details", aliases = "-v", description = "Show the state after each change")
    boolean details;

    @Reference
    ActivityService activity;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(activity.query(new ActivityQuery(product, workspace, actor, ActivityQuery.moment("--since", since), null, limit)));
        }
        ShellTable table = new ShellTable();
        table.column("When");
        if (wide || details) {
            table.column("Actor");
            table.column("Action");
            table.column("Workspace");
            table.column("Registration");
            table.column("What");
        } else {
            // within 120 columns: the longer texts cut, what happened wrapped onto more lines
            table.size(120);
            table.column("Actor").maxSize(12);
            table.column("Action").maxSize(24);
            table.column("Workspace").maxSize(12);
            table.column("Registration").maxSize(28);
            table.column("What").wrap();
        }
        if (details) {
            table.column("After");
        }
        for (ActivityEntry e : activity.query(new ActivityQuery(product, workspace, actor, ActivityQuery.moment("--since", since), null, limit))) {
            org.apache.karaf.shell.support.table.Row row = table.addRow();
            row.addContent(Format.time(e.at()), e.actor(), e.action(), nz(e.workspace()), nz(e.registration()), e.summary());
            if (details) {
                row.addContent(nz(e.after()));
            }
        }
        table.print(System.out);
        return null;
    }


    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
