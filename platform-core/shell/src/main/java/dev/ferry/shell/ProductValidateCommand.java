package dev.ferry.shell;

import dev.ferry.platform.api.ProductBuilderService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.nio.file.Files;
import java.nio.file.Path;

@Service
@Command(scope = "ferry", name = "product-validate", description = "Checks a product descriptor (product.json) as Ferry would load it, listing every problem with its path; stores nothing")
public class ProductValidateCommand implements Action {

    @Argument(index = 0, name = "file", description = "The product descriptor (JSON)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    ProductBuilderService builder;

    @Override
    public Object execute() throws Exception {
        builder.validate(read(file));
        System.out.println(file + " is a valid product descriptor");
        return null;
    }

    static String read(String file) throws java.io.IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("file: " + file + " is not a file");
        }
        return Files.readString(path);
    }

}
