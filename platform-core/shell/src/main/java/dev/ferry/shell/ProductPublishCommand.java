package dev.ferry.shell;

import dev.ferry.platform.api.ProductBuilderService;
import dev.ferry.platform.api.Publication;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "product-publish", description = "Publishes a draft: writes its Karaf feature, its bundle and the code it uses into Ferry's product repository (data/ferry/repository)")
public class ProductPublishCommand extends FerryCommand {

    @Argument(index = 0, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;
    @Argument(index = 1, name = "version", description = "The draft's version", required = true)
    String version;

    @Reference
    ProductBuilderService builder;
    @Reference
    Session session;

    @Override
    protected Object run() {
        Publication p = builder.publish(product, version, Format.actor(session));
        System.out.println("Published " + p.product() + " " + p.version() + " to " + p.repository() + ":");
        p.files().forEach(f -> System.out.println("  " + f));
        System.out.println("Install it on this or another node (whose Maven resolver reaches this repository) with:");
        System.out.println("  feature:repo-add " + p.featuresUrl());
        System.out.println("  feature:install " + p.feature());
        return null;
    }
}
