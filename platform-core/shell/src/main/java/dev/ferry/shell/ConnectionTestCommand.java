package dev.ferry.shell;

import dev.ferry.platform.api.ConnectionCheck;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "connection-test", description = "Tests each service's connection to its external system with the registration's settings")
public class ConnectionTestCommand extends RegistrationCommand {

    @Override
    protected Object run() {
        ShellTable table = new ShellTable();
        table.column("Service");
        table.column("Connector");
        table.column("OK");
        table.column("What was found");
        for (ConnectionCheck check : registrations.testConnections(registration)) {
            table.addRow().addContent(check.service(), check.connector(), check.ok() ? "yes" : "NO", check.message());
        }
        table.print(System.out);
        return null;
    }
}
