package dev.ferry.shell;

import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.stream.Collectors;

@Service
@Command(scope = "ferry", name = "registration-list", description = "Lists registrations: product, workspace, state, configs")
public class RegistrationListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Option(name = "--wide", description = "Workspace, product and config too (wider than 120 columns)")
    boolean wide;

    @Option(name = "--workspace", aliases = "-w", description = "Only this workspace's")
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Reference
    RegistrationService registrations;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(registrations.list(workspace));
        }
        ShellTable table = new ShellTable();
        if (!wide) {
            // within 120 columns (the id names workspace and product); --wide or ferry:registration-show for config
            table.size(120);
            table.column("Registration").maxSize(40);
            table.column("Version");
            table.column("State").wrap();
            table.column("Sync");
            table.column("Jobs").maxSize(20);
            for (Registration r : registrations.list(workspace)) {
                table.addRow().addContent(r.id(), r.productVersion(), r.runtime(), r.inSync() ? "in sync" : "out of sync",
                        String.join(", ", r.jobs()));
            }
            table.print(System.out);
            return null;
        }
        table.column("Registration");
        table.column("Workspace");
        table.column("Product");
        table.column("Version");
        table.column("State");
        table.column("Sync");
        table.column("Jobs");
        table.column("Config");
        for (Registration r : registrations.list(workspace)) {
            table.addRow().addContent(r.id(), r.workspace(), r.product(), r.productVersion(), r.runtime(),
                    r.inSync() ? "in sync" : "out of sync",
                    String.join(", ", r.jobs()),
                    r.config().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        table.print(System.out);
        return null;
    }
}
