package dev.ferry.shell;

import dev.ferry.platform.api.IssuedToken;
import dev.ferry.platform.api.NewApiToken;
import dev.ferry.platform.api.TokenService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "ferry", name = "token-create",
        description = "Makes an API token that reaches one workspace only; its secret is shown this once")
public class TokenCreateCommand extends FerryCommand {

    @Option(name = "--role", description = "viewer (reads, records included; the default) or operator (also runs,"
            + " pauses, retries, syncs and edits configs)")
    @Completion(value = StringsCompleter.class, values = {"viewer", "operator"})
    String role;

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form")
    boolean json;

    @Argument(index = 0, name = "workspace", description = "Workspace the token reaches", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Argument(index = 1, name = "name", description = "What the token is for (lower-case letters, digits, '-')",
            required = true)
    String name;

    @Reference
    TokenService tokens;

    @Reference
    Session session;

    @Override
    protected Object run() {
        IssuedToken issued = tokens.issue(workspace, new NewApiToken(name, role), Format.actor(session));
        if (json) {
            return Format.printJson(issued);
        }
        System.out.println("Token " + issued.token().id() + " '" + name + "' (" + issued.token().role()
                + ") reaches workspace " + workspace + ". Its secret, shown this once:");
        System.out.println(issued.secret());
        System.out.println("Send it as: Authorization: Bearer <secret>");
        return null;
    }
}
