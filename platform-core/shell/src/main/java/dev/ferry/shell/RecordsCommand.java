package dev.ferry.shell;

import dev.ferry.platform.api.RegistrationService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Service
@Command(scope = "ferry", name = "records", description = "Reads records of a registration's service straight from its external system (nothing is cached or changed)")
public class RecordsCommand extends FerryCommand {

    @Argument(index = 0, name = "registration", description = "Registration id (workspace:product)", required = true)
    @Completion(RegistrationCompleter.class)
    String registration;

    @Argument(index = 1, name = "service", description = "Service id of the product, e.g. customers-writer", required = true)
    String service;

    @Option(name = "--limit", aliases = "-n", description = "How many records (default 10, at most 10000)")
    int limit = 10;

    @Option(name = "--count", description = "Only count the records (reads up to --limit)")
    boolean count;

    @Reference
    RegistrationService registrations;

    @Override
    protected Object run() {
        List<Map<String, Object>> records = registrations.peek(registration, service, limit);
        if (count) {
            System.out.println(records.size() + (records.size() == limit ? " or more" : "") + " record(s) in " + service
                    + " of " + registration);
            return null;
        }
        ShellTable table = new ShellTable();
        List<String> fields = records.isEmpty() ? List.of() : new ArrayList<>(records.get(0).keySet());
        fields.forEach(table::column);
        for (Map<String, Object> r : records) {
            table.addRow().addContent(fields.stream().map(f -> r.get(f) == null ? "" : r.get(f)).toArray());
        }
        table.print(System.out);
        System.out.println(records.size() + " record(s) shown");
        return null;
    }
}
