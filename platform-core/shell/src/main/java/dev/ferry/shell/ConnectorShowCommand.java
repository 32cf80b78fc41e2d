package dev.ferry.shell;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.InstalledConnector;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

@Service
@Command(scope = "ferry", name = "connector-show", description = "Shows a connector: its installed versions and which"
        + " serves which product and why, the settings a connection takes (secrets marked) and its modules")
public class ConnectorShowCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "connector", description = "Connector id (see ferry:connector-list)", required = true)
    @Completion(ConnectorCompleter.class)
    String id;

    @Reference
    ConnectorService connectors;

    @Override
    protected Object run() {
        InstalledConnector c = connectors.get(id);
        if (json) {
            return Format.printJson(c);
        }
        Format.println("Connector " + c.id() + ": " + c.name() + " by " + c.vendor());
        if (!c.description().isEmpty()) {
            Format.println("  " + c.description());
        }
        Format.println("Versions installed:");
        for (InstalledConnector.Version v : c.versions()) {
            Format.println("  " + v.version() + "  " + v.role() + "  (bundle " + v.bundleId() + " " + v.bundle() + ")");
            Format.println("      " + v.why());
            if (!v.serves().isEmpty()) {
                Format.println("      serves " + String.join(", ", v.serves()));
            }
        }
        Format.println("Connection settings:");
        settings(c.connection());
        for (InstalledConnector.Module m : c.modules()) {
            Format.println("Module " + m.name() + " (" + String.join(", ", m.serviceTypes())
                    + (m.operations().isEmpty() ? "" : "; operations " + String.join(", ", m.operations())) + ")"
                    + (m.description() == null || m.description().isEmpty() ? "" : ": " + m.description()));
            settings(m.objectOptions());
        }
        Format.println("Used by:");
        if (c.usedBy().isEmpty()) {
            Format.println("  no product loaded");
        }
        for (InstalledConnector.Use u : c.usedBy()) {
            Format.println("  " + u.product() + " " + u.productVersion() + ", versions " + u.range() + ": "
                    + (u.servedBy() != null ? "served by " + u.servedBy() : u.state()));
        }
        return null;
    }

    private static void settings(List<InstalledConnector.Setting> settings) {
        if (settings.isEmpty()) {
            Format.println("  (none)");
        }
        for (InstalledConnector.Setting s : settings) {
            Format.println("  " + s.name() + "  " + s.type() + (s.required() ? ", required" : ", optional")
                    + (s.secret() ? ", secret" : "") + (s.defaultValue() == null ? "" : ", default " + s.defaultValue())
                    + (s.description() == null || s.description().isEmpty() ? "" : "  - " + s.description()));
        }
    }
}
