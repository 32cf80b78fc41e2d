package dev.ferry.shell;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.InstalledConnector;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "connector-list", description = "Lists the installed connectors: the version serving"
        + " (the highest installed), every version installed, their modules and how many products use them")
public class ConnectorListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Reference
    ConnectorService connectors;

    @Override
    protected Object run() {
        if (json) {
            return Format.printJson(connectors.list());
        }
        ShellTable table = new ShellTable();
        table.column("Connector");
        table.column("Serving");
        table.column("Installed");
        table.column("Vendor");
        table.column("Modules");
        table.column("Products");
        for (InstalledConnector c : connectors.list()) {
            long missing = c.usedBy().stream().filter(u -> u.servedBy() == null).count();
            table.addRow().addContent(c.id(), c.serving(),
                    String.join(", ", c.versions().stream().map(InstalledConnector.Version::version).toList()),
                    c.vendor(), String.join(", ", c.modules().stream().map(InstalledConnector.Module::name).toList()),
                    c.usedBy().size() + (missing == 0 ? "" : " (" + missing + " without a version in range)"));
        }
        table.print(System.out);
        return null;
    }
}
