package dev.ferry.shell;

import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "rollout-show", description = "Shows a rollout: its state, history and each registration it moves")
public class RolloutShowCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Argument(index = 0, name = "rollout", description = "Rollout id", required = true)
    long rollout;

    @Reference
    RolloutService rollouts;

    @Override
    protected Object run() {
        Rollout r = rollouts.get(rollout);
        if (json) {
            return Format.printJson(r);
        }
        System.out.println("Rollout " + r.id() + ": " + r.product() + " " + r.version() + ", " + r.state() + " (canary "
                + r.canaryPercent() + " %, watch " + r.watch() + ", started by " + r.createdBy() + " "
                + Format.time(r.createdAt()) + ")");
        r.history().forEach(s -> System.out.println("  " + Format.time(s.at()) + "  " + s.what()));
        ShellTable table = new ShellTable();
        table.column("Registration");
        table.column("Wave");
        table.column("From");
        table.column("State");
        table.column("Message").maxSize(80);
        r.targets().forEach(t -> table.addRow().addContent(t.registration(), t.wave(), t.fromVersion(), t.state(),
                t.message() == null ? "" : t.message()));
        table.print(System.out);
        return null;
    }
}
