package dev.ferry.shell;

import dev.ferry.platform.api.ProductRegistration;
import dev.ferry.platform.api.RegistrationPage;
import dev.ferry.platform.api.RegistrationQuery;
import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.stream.Collectors;

@Service
@Command(scope = "ferry", name = "product-registrations",
        description = "Every registration of a product: workspace, version, sync state, feature states, health, last run, failures in 24 h")
public class ProductRegistrationsCommand extends FerryCommand {

    @Argument(index = 0, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;

    @Option(name = "--version", description = "Only those on this version")
    String version;

    @Option(name = "--workspace", aliases = "-w", description = "Only workspaces whose name starts with this")
    String workspace;

    @Option(name = "--sync", description = "in or out (of sync)")
    String sync;

    @Option(name = "--health", description = "ok, failing, paused or waiting")
    String health;

    @Option(name = "--feature", description = "<feature>=<state>: only where the feature is in that state")
    String feature;

    @Option(name = "--sort", description = "workspace (default), version, last-run or failures; -<key> descending")
    String sort;

    @Option(name = "--offset", description = "How many to skip")
    Integer offset;

    @Option(name = "--limit", description = "How many to show (default 100, at most 1,000)")
    Integer limit;

    @Reference
    RegistrationService registrations;

    @Override
    protected Object run() {
        RegistrationPage page = registrations.ofProduct(product,
                new RegistrationQuery(version, workspace, sync, health, feature, sort, offset, limit));
        ShellTable table = new ShellTable();
        table.column("Workspace");
        table.column("Version");
        table.column("Sync");
        table.column("Features");
        table.column("Health");
        table.column("Last run");
        table.column("Failures 24h").alignRight();
        table.column("State").maxSize(60);
        for (ProductRegistration r : page.items()) {
            table.addRow().addContent(r.workspace(), r.version(), r.inSync() ? "in sync" : "out: " + String.join("; ", r.why()),
                    r.features().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                    r.health(), r.lastRun() == null ? "" : r.lastRun() + " " + Format.time(r.lastRunAt()), r.failures24h(),
                    r.state());
        }
        table.print(System.out);
        System.out.println(page.items().isEmpty() ? page.total() + " registration(s) match"
                : (page.offset() + 1) + "-" + (page.offset() + page.items().size()) + " of " + page.total() + " registration(s)");
        return null;
    }
}
