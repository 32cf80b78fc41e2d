package dev.ferry.shell;

import dev.ferry.platform.api.ProductBuilderService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Service
@Command(scope = "ferry", name = "product-validate", description = "Checks a product descriptor (product.json) as Ferry would load it, listing every problem with its path; stores nothing")
public class ProductValidateCommand extends FerryCommand {

    @Argument(index = 0, name = "file", description = "The product descriptor (JSON)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    ProductBuilderService builder;

    @Override
    protected Object run() throws Exception {
        builder.validate(Format.readFile(file));
        System.out.println(file + " is a valid product descriptor");
        return null;
    }
}
