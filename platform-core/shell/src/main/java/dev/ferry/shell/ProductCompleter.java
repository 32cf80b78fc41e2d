package dev.ferry.shell;

import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes product ids. */
@Service
public class ProductCompleter implements Completer {

    @Reference
    ProductService products;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        products.list().stream().map(Product::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
