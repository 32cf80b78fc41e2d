package dev.ferry.shell;

import dev.ferry.platform.api.ProductService;
import dev.ferry.platform.api.SharedFlow;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;

@Service
@Command(scope = "ferry", name = "shared-flow-list", description = "Lists the shared flows installed (flows products use by id and version range)")
public class SharedFlowListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Reference
    ProductService products;

    @Override
    protected Object run() {
        List<SharedFlow> all = products.sharedFlows();
        if (json) {
            return Format.printJson(all);
        }
        ShellTable table = new ShellTable();
        table.column("Shared flow");
        table.column("Version");
        table.column("Name").maxSize(24);
        table.column("State");
        table.column("Stages");
        table.column("Configs").maxSize(24).wrap();
        table.column("Bundle").maxSize(36);
        for (SharedFlow f : all) {
            table.addRow().addContent(f.id(), f.version(), f.name() == null ? "" : f.name(), f.state(), f.stages(),
                    String.join(", ", f.configs()), f.source());
        }
        table.print(System.out);
        for (SharedFlow f : all) {
            if (f.state().equals("invalid")) {
                System.out.println("shared flow bundle " + f.source() + " is invalid:");
                f.errors().forEach(e -> System.out.println("  " + e));
            }
        }
        return null;
    }
}
