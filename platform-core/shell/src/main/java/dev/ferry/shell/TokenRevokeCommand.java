package dev.ferry.shell;

import dev.ferry.platform.api.ApiToken;
import dev.ferry.platform.api.TokenService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "token-revoke", description = "Revokes an API token: it signs nothing in from now on")
public class TokenRevokeCommand extends FerryCommand {

    @Argument(index = 0, name = "workspace", description = "Workspace of the token", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Argument(index = 1, name = "id", description = "The token's id (ferry:token-list)", required = true)
    long id;

    @Reference
    TokenService tokens;

    @Reference
    Session session;

    @Override
    protected Object run() {
        ApiToken t = tokens.revoke(workspace, id, Format.actor(session));
        System.out.println("Token " + t.id() + " '" + t.name() + "' of workspace " + workspace + " is revoked");
        return null;
    }
}
