package dev.ferry.shell;

import dev.ferry.platform.api.HealthService;
import dev.ferry.platform.api.HealthService.Check;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;
import java.util.Map;

@Service
@Command(scope = "ferry", name = "health", description = "Whether the platform is up, as GET /ferry/api/health says:"
        + " the store, the scheduler, the features and the registrations, each with what was found")
public class HealthCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Reference
    HealthService health;

    @Override
    protected Object run() {
        List<Check> checks = health.check();
        String status = HealthService.status(checks);
        if (json) {
            return Format.printJson(Map.of("status", status, "checks", checks));
        }
        System.out.println("Ferry is " + status);
        ShellTable table = new ShellTable();
        table.column("Part");
        table.column("Status");
        table.column("What was found").maxSize(90).wrap();
        for (Check c : checks) {
            table.addRow().addContent(c.name(), c.status(), c.detail());
        }
        table.print(System.out);
        return null;
    }
}
