package dev.ferry.shell;

import dev.ferry.platform.api.ActionQuery;
import dev.ferry.platform.api.ActionService;
import dev.ferry.platform.api.QueuedAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

@Service
@Command(scope = "ferry", name = "actions",
        description = "Lists a registration's actions that need attention: failed, waiting for a retry, dead, or put back")
public class ActionsCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "registration", description = "Registration id (<workspace>:<product>)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Option(name = "--status", aliases = "-s", description = "failed, retry, dead or pending")
    String status;

    @Option(name = "--service", description = "Only this action processor's actions")
    String service;

    @Option(name = "--limit", aliases = "-n", description = "How many actions (default 50)")
    int limit = 50;

    @Reference
    ActionService actions;

    @Override
    protected Object run() {
        List<QueuedAction> list = actions.list(registration, new ActionQuery(service, status, limit));
        if (json) {
            return Format.printJson(list);
        }
        if (list.isEmpty()) {
            System.out.println("No actions of " + registration + " need attention" + (status == null ? "" : " (" + status + ")"));
            return null;
        }
        System.out.printf("%-8s %-16s %-7s %-7s %-8s %-20s %s%n", "ID", "SERVICE", "OP", "STATUS", "ATTEMPTS", "KEY", "ERROR");
        for (QueuedAction a : list) {
            String error = (a.errorCode() == null ? "" : "[" + a.errorCode() + "] ") + (a.errors() == null ? "" : a.errors())
                    + (a.notBefore() == null ? "" : " (next attempt " + Format.time(a.notBefore()) + ")");
            System.out.printf("%-8d %-16s %-7s %-7s %-8d %-20s %s%n", a.id(), a.service(), a.operation(), a.status(),
                    a.attempts(), a.recordKey(), error);
        }
        return null;
    }
}
