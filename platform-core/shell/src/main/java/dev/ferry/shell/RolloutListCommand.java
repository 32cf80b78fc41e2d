package dev.ferry.shell;

import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "rollout-list", description = "Lists rollouts, newest first")
public class RolloutListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Option(name = "--product", aliases = "-p", description = "Only this product's")
    @Completion(ProductCompleter.class)
    String product;

    @Option(name = "--limit", description = "How many (default 20)")
    int limit = 20;

    @Reference
    RolloutService rollouts;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(rollouts.list(product, limit));
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Product");
        table.column("Version");
        table.column("State");
        table.column("Registrations").alignRight();
        table.column("Started");
        table.column("Last step").maxSize(80);
        for (Rollout r : rollouts.list(product, limit)) {
            table.addRow().addContent(r.id(), r.product(), r.version(), r.state(), r.targets().size(), Format.time(r.createdAt()),
                    r.history().isEmpty() ? "" : r.history().get(r.history().size() - 1).what());
        }
        table.print(System.out);
        return null;
    }
}
