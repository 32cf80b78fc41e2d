package dev.ferry.shell;

import dev.ferry.platform.api.ProductBuilderService;
import dev.ferry.platform.api.ProductDraft;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;


@Service
@Command(scope = "ferry", name = "product-upload", description = "Uploads a product descriptor (product.json) as a draft of its version, or with --update changes that draft; every problem is listed and nothing is stored")
public class ProductUploadCommand extends FerryCommand {

    @Argument(index = 0, name = "file", description = "The product descriptor (JSON)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--update", aliases = "-u", description = "Change the draft of the descriptor's id and version")
    boolean update;

    @Reference
    ProductBuilderService builder;
    @Reference
    Session session;

    @Override
    protected Object run() throws Exception {
        String descriptor = Format.readFile(file);
        ProductDraft d;
        if (update) {
            d = builder.update(null, null, descriptor, Format.actor(session)); // the draft the descriptor names
        } else {
            d = builder.upload(descriptor, Format.actor(session));
        }
        System.out.println("Draft " + d.product() + " " + d.version() + " (" + d.name() + ") " + (update ? "changed" : "uploaded")
                + "; development workspace " + d.developmentWorkspace()
                + (d.registration() != null ? ", registered there as " + d.registration() : ""));
        if (d.note() != null) {
            System.out.println("  " + d.note());
        }
        return null;
    }
}
