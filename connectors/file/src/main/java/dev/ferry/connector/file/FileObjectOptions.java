package dev.ferry.connector.file;

import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.data.DataObject;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The options every file object has: which files to read and which file to append to. Their defaults depend on
 * the object's name, which a {@link ConfigField} default cannot express, so they are filled in here.
 *
 * @param pattern    glob matched against file names in the directory
 * @param outputFile name of the file appends go to, inside the directory
 */
record FileObjectOptions(String pattern, String outputFile) {

    static final String PATTERN = "pattern";
    static final String OUTPUT_FILE = "outputFile";

    /** The option fields of a module: the common ones, then the format's own. */
    static List<ConfigField> fields(String extension, List<ConfigField> formatOptions) {
        List<ConfigField> fields = new ArrayList<>();
        fields.add(ConfigField.optional(PATTERN, ConfigType.STRING, null,
                "Glob of the files to read, e.g. customers-*." + extension + "; default: <object name>*." + extension));
        fields.add(ConfigField.optional(OUTPUT_FILE, ConfigType.STRING, null,
                "File that inserts and upserts are appended to; default: <object name>." + extension));
        fields.addAll(formatOptions);
        return fields;
    }

    static FileObjectOptions of(DataObject object, String extension) {
        String pattern = object.options().string(PATTERN, object.name() + "*." + extension);
        String outputFile = object.options().string(OUTPUT_FILE, object.name() + "." + extension);
        if (!isPlainFileName(outputFile)) {
            throw new ConfigException(List.of(new ConfigException.Problem(OUTPUT_FILE,
                    "'" + outputFile + "' must be a file name inside the directory, without a path")));
        }
        return new FileObjectOptions(pattern, outputFile);
    }

    PathMatcher fileNames() {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(PATTERN,
                    "'" + pattern + "' is not a valid glob: " + e.getDescription())));
        }
    }

    private static boolean isPlainFileName(String name) {
        try {
            Path path = Path.of(name);
            return !name.isBlank() && path.getNameCount() == 1 && !path.isAbsolute()
                    && !name.equals(".") && !name.equals("..");
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
