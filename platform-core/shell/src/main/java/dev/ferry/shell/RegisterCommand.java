package dev.ferry.shell;

import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Service
@Command(scope = "ferry", name = "register", description = "Registers an integration product to a workspace and starts its jobs")
public class RegisterCommand extends FerryCommand {

    @Argument(index = 0, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;

    @Argument(index = 1, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Option(name = "--config", aliases = "-c", description = "A config value as name=value (repeat for more)", multiValued = true)
    List<String> config;

    @Option(name = "--version", description = "Product version (default: the newest installed)")
    String version;

    @Option(name = "--no-test", description = "Register even when a service's connection test fails (marked failing)")
    boolean noTest;

    @Option(name = "--secret", aliases = "-s", multiValued = true, description = "A secret config: name (asked for, not"
            + " echoed), name=file:/path or name=env:VAR, so its value is not on the command line")
    List<String> secrets;

    /** Karaf stops reading options at the first argument; this takes the documented form with options after them. */
    @Argument(index = 2, name = "options", description = "--config name=value or --version v after the arguments", multiValued = true)
    List<String> trailing;

    @Reference
    RegistrationService registrations;

    @Reference
    Session session;

    @Override
    protected Object run() {
        SecretValues.scrubThreadName(SecretValues.configValues(config, trailing));
        List<String> pairs = new ArrayList<>(config == null ? List.of() : config);
        List<String> secretSpecs = new ArrayList<>(secrets == null ? List.of() : secrets);
        takeTrailingOptions(pairs, secretSpecs);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--config", "'" + pair + "' is not name=value");
            }
            values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        SecretValues.putAll(session, secretSpecs, values);
        Registration r = registrations.register(new NewRegistration(product, version, workspace, values, !noTest), Format.actor(session));
        System.out.println("Registered " + r.product() + " " + r.productVersion() + " to workspace " + r.workspace()
                + " as " + r.id() + " (" + r.runtime() + "; jobs: " + String.join(", ", r.jobs()) + ")");
        if (r.health().failing()) {
            System.out.println("Failing: " + r.health().reason());
        }
        return null;
    }

    private void takeTrailingOptions(List<String> pairs, List<String> secretSpecs) {
        List<String> rest = trailing == null ? List.of() : trailing;
        for (int i = 0; i < rest.size(); i++) {
            String token = rest.get(i);
            boolean hasValue = i + 1 < rest.size();
            if ((token.equals("--config") || token.equals("-c")) && hasValue) {
                pairs.add(rest.get(++i));
            } else if (token.startsWith("--config=")) {
                pairs.add(token.substring("--config=".length()));
            } else if (token.equals("--version") && hasValue) {
                version = rest.get(++i);
            } else if (token.equals("--no-test")) {
                noTest = true;
            } else if ((token.equals("--secret") || token.equals("-s")) && hasValue) {
                secretSpecs.add(rest.get(++i));
            } else {
                throw new InvalidInputException(token, "is not an option of ferry:register (--config name=value, --secret name[=file:/path|=env:VAR], --version v, --no-test)");
            }
        }
    }
}
