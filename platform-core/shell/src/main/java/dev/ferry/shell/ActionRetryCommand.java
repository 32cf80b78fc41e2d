package dev.ferry.shell;

import dev.ferry.platform.api.ActionQuery;
import dev.ferry.platform.api.ActionService;
import dev.ferry.platform.api.InvalidInputException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.util.List;

@Service
@Command(scope = "ferry", name = "action-retry",
        description = "Puts failed or dead actions back in the queue, with a fresh set of retries; they run at the action processor's next run")
public class ActionRetryCommand extends FerryCommand {

    @Argument(index = 0, name = "registration", description = "Registration id (<workspace>:<product>)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Argument(index = 1, name = "ids", description = "Action ids (see ferry:actions)", multiValued = true)
    List<Long> ids;

    @Option(name = "--all", description = "Every failed, retry and dead action (narrow it with --status, --service)")
    boolean all;

    @Option(name = "--status", aliases = "-s", description = "With --all: only failed, retry or dead ones")
    String status;

    @Option(name = "--service", description = "With --all: only this action processor's actions")
    String service;

    @Reference
    ActionService actions;

    @Reference
    Session session;

    @Override
    protected Object run() {
        List<Long> selected = ids == null ? List.of() : ids;
        if (selected.isEmpty() == !all) {
            throw new InvalidInputException("ids", "name the actions to retry, or --all (with --status or --service), not both");
        }
        int n = actions.retry(registration, selected, new ActionQuery(service, status, 1), Format.actor(session));
        System.out.println(n + " action(s) of " + registration + " put back in the queue; they run at the next run");
        return null;
    }
}
