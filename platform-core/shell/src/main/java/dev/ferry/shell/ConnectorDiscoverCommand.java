package dev.ferry.shell;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.DiscoveredDataObject;
import dev.ferry.platform.api.InvalidInputException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Service
@Command(scope = "ferry", name = "connector-discover", description = "Lists the data objects a connection can see"
        + " (tables, files), with their fields, keys and the object options a product's service sets to use them")
public class ConnectorDiscoverCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "connector", description = "Connector id (see ferry:connector-list)", required = true)
    @Completion(ConnectorCompleter.class)
    String id;

    @Option(name = "--config", aliases = "-c", multiValued = true, description = "A connection setting as name=value"
            + " (repeat for more)")
    List<String> config;

    @Option(name = "--secret", aliases = "-s", multiValued = true, description = "A secret setting: name (asked for, not"
            + " echoed), name=file:/path or name=env:VAR")
    List<String> secrets;

    @Reference
    ConnectorService connectors;

    @Reference
    Session session;

    @Override
    protected Object run() {
        SecretValues.scrubThreadName(SecretValues.configValues(config, List.of()));
        Map<String, String> connection = new LinkedHashMap<>();
        for (String pair : config == null ? List.<String>of() : config) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--config", "'" + pair + "' is not name=value");
            }
            connection.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        SecretValues.putAll(session, secrets == null ? List.of() : secrets, connection);
        List<DiscoveredDataObject> found = connectors.discover(id, connection);
        if (json) {
            return Format.printJson(found);
        }
        if (found.isEmpty()) {
            System.out.println("The connection sees no data object.");
        }
        for (DiscoveredDataObject o : found) {
            System.out.println(o.module() + " " + o.name() + (o.description().isEmpty() ? "" : " (" + o.description() + ")"));
            System.out.println("  options  " + o.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
            System.out.println("  key      " + (o.primaryKey().isEmpty() ? "(none found: the product names one)"
                    : String.join(", ", o.primaryKey())));
            System.out.println("  fields   " + o.fields().stream().map(f -> f.name() + " " + f.type()
                    + (f.required() ? " required" : "")).collect(Collectors.joining(", ")));
        }
        return null;
    }
}
