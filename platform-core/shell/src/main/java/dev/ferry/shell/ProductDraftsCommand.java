package dev.ferry.shell;

import dev.ferry.platform.api.ProductBuilderService;
import dev.ferry.platform.api.ProductDraft;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "ferry", name = "product-drafts", description = "Lists the product versions authored in Ferry: drafts and published ones")
public class ProductDraftsCommand extends FerryCommand {

    @Reference
    ProductBuilderService builder;

    @Override
    protected Object run() {
        ShellTable table = new ShellTable();
        table.column("Product");
        table.column("Version");
        table.column("Name");
        table.column("Status");
        table.column("Development workspace");
        table.column("Updated");
        table.column("Features");
        for (ProductDraft d : builder.list()) {
            table.addRow().addContent(d.product(), d.version(), d.name(), d.status(), d.developmentWorkspace()
                            + (d.registration() != null ? " (registered)" : ""),
                    Format.time(d.updatedAt()) + " by " + d.updatedBy(), d.featuresUrl() == null ? "" : d.featuresUrl());
        }
        table.print(System.out);
        return null;
    }
}
