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

    @Option(name = "--wide", description = "Also the type and lifecycle, and names and jobs uncut (wider than 120 columns)")
    boolean wide;

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
        table.column("Name").maxSize(wide ? Integer.MAX_VALUE : 24);
        if (wide) {
            table.column("Type");
            table.column("Lifecycle");
        }
        table.column("State");
        table.column("Connectors");
        if (wide) {
            table.column("Jobs");
        } else {
            table.column("Jobs").maxSize(24).wrap();
        }
        boolean unavailable = false;
        for (Product p : all) {
            unavailable |= p.state().equals("unavailable");
            List<Object> row = new java.util.ArrayList<>(java.util.Arrays.asList(p.id(), p.version(), p.name() == null ? "" : p.name()));
            if (wide) {
                row.add(p.type() == null ? "" : p.type());
                row.add(p.lifecycle() == null ? "" : p.lifecycle());
            }
            row.add(p.state().equals("unavailable") ? "unavailable*" : p.state());
            row.add(String.join(", ", p.connectors()));
            row.add(p.jobs().stream().map(j -> j.id() + " (" + j.schedule() + ")").collect(Collectors.joining(", ")));
            table.addRow().addContent(row);
        }
        table.print(System.out);
        if (unavailable) {
            System.out.println("* unavailable: the product's bundle is not active (bundle:list shows it)");
        }
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
