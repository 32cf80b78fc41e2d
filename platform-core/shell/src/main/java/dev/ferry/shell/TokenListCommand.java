package dev.ferry.shell;

import dev.ferry.platform.api.ApiToken;
import dev.ferry.platform.api.TokenService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;

@Service
@Command(scope = "ferry", name = "token-list", description = "Lists a workspace's API tokens (never their secrets)")
public class TokenListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "workspace", description = "Workspace name", required = true)
    @Completion(WorkspaceCompleter.class)
    String workspace;

    @Reference
    TokenService tokens;

    @Override
    protected Object run() {
        List<ApiToken> list = tokens.list(workspace);
        if (json) {
            return Format.printJson(list);
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Role");
        table.column("Created");
        table.column("By");
        table.column("Last used");
        table.column("Revoked");
        for (ApiToken t : list) {
            table.addRow().addContent(t.id(), t.name(), t.role(), Format.time(t.createdAt()), t.createdBy(),
                    t.lastUsedAt() == null ? "never" : Format.time(t.lastUsedAt()),
                    t.revokedAt() == null ? "" : Format.time(t.revokedAt()));
        }
        table.print(System.out);
        return null;
    }
}
