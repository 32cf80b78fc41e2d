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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Service
@Command(scope = "ferry", name = "product-validate", description = "Checks a product descriptor (product.json) as Ferry would load it, listing every problem with its path; stores nothing")
public class ProductValidateCommand implements Action {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");

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

    /** The descriptor's id and version (its first "id" and "version" keys: the product's, which come first). */
    static String[] idAndVersion(String descriptor) {
        Matcher id = ID.matcher(descriptor);
        Matcher version = VERSION.matcher(descriptor);
        if (!id.find() || !version.find()) {
            throw new IllegalArgumentException("the descriptor names no id and version");
        }
        return new String[]{id.group(1), version.group(1)};
    }
}
