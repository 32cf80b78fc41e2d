package dev.ferry.shell;

import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;
import java.util.stream.Collectors;

@Service
@Command(scope = "ferry", name = "product-list", description = "Lists installed integration products and their versions")
public class ProductListCommand extends FerryCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Option(name = "--configs", aliases = "-c", description = "Also list each product's configs")
    boolean configs;

    @Reference
    ProductService products;

    @Override
    protected Object run() {
        List<Product> all = products.list();
        if (json) {
            return Format.printJson(all);
        }
        ShellTable table = new ShellTable();
        table.column("Product");
        table.column("Version");
        table.column("Name");
        table.column("Type");
        table.column("Lifecycle");
        table.column("State");
        table.column("Connectors");
        table.column("Jobs");
        for (Product p : all) {
            table.addRow().addContent(p.id(), p.version(), p.name(), p.type(), p.lifecycle(),
                    p.state().equals("unavailable") ? "unavailable (bundle not active)" : p.state(),
                    String.join(", ", p.connectors()),
                    p.jobs().stream().map(j -> j.id() + " (" + j.schedule() + ")").collect(Collectors.joining(", ")));
        }
        table.print(System.out);
        for (Product p : all) {
            if (p.state().equals("invalid")) {
                System.out.println(p.id() + " " + p.version() + " from " + p.source() + " is invalid:");
                p.errors().forEach(e -> System.out.println("  " + e));
            }
        }
        if (configs) {
            for (Product p : all) {
                if (p.state().equals("invalid")) {
                    continue;
                }
                System.out.println();
                System.out.println(p.id() + " " + p.version() + " configs:");
                ShellTable c = new ShellTable();
                c.column("Config");
                c.column("Type");
                c.column("Required");
                c.column("Default");
                c.column("Description");
                p.configs().forEach(cfg -> c.addRow().addContent(cfg.name(), cfg.type() + (cfg.secret() ? " (secret)" : ""),
                        cfg.required() ? "yes" : "no", cfg.defaultValue() == null ? "" : cfg.defaultValue(), cfg.description()));
                c.print(System.out);
            }
        }
        return null;
    }
}
