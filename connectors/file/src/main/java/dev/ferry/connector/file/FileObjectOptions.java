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
 * The options every file object has: which files to read, how far back incremental reads look for files arriving
 * late, and which file to append to. The defaults of the file names depend on the object's name, which a
 * {@link ConfigField} default cannot express, so they are filled in here.
 *
 * @param pattern         glob matched against file names in the directory
 * @param outputFile      name of the file appends go to, inside the directory
 * @param lookBackSeconds how long before the newest file read a file may be modified and still be read when it
 *                        arrives later (see {@link FileCursor})
 */
record FileObjectOptions(String pattern, String outputFile, long lookBackSeconds, AfterRead afterRead, String moveTo) {

    /** What becomes of a file once its records are stored. */
    enum AfterRead {
        /** It stays; the cursor remembers it was read. */
        KEEP,
        /** It moves into the {@code moveTo} folder. */
        MOVE,
        /** It is deleted. */
        DELETE
    }

    static final String PATTERN = "pattern";
    static final String OUTPUT_FILE = "outputFile";
    static final String LOOK_BACK = "lookBack";
    static final String AFTER_READ = "afterRead";
    static final String MOVE_TO = "moveTo";
    /** One day: files are moved in from staging folders, copied with their times kept, or renamed when complete. */
    static final long DEFAULT_LOOK_BACK_SECONDS = 24 * 60 * 60;
    /** Ten years, so that the window's start is computed without overflow. */
    static final long MAX_LOOK_BACK_SECONDS = 10L * 366 * 24 * 60 * 60;

    /** The option fields of a module: the common ones, then the format's own. */
    static List<ConfigField> fields(String extension, List<ConfigField> formatOptions) {
        List<ConfigField> fields = new ArrayList<>();
        fields.add(ConfigField.optional(PATTERN, ConfigType.STRING, null,
                "Glob of the files to read, e.g. customers-*." + extension + "; default: <object name>*." + extension));
        fields.add(ConfigField.optional(OUTPUT_FILE, ConfigType.STRING, null,
                "File that inserts and upserts are appended to; default: <object name>." + extension));
        fields.add(ConfigField.optional(LOOK_BACK, ConfigType.INTEGER, Long.toString(DEFAULT_LOOK_BACK_SECONDS),
                "Seconds before the newest file read within which a file arriving later with an older modification"
                        + " time (moved or copied in with its time kept) is still read; older ones count as read"));
        fields.add(ConfigField.optional(AFTER_READ, ConfigType.STRING, "keep",
                "What becomes of a file once its records are stored: keep, move (into moveTo) or delete;"
                        + " move and delete need incremental reads"));
        fields.add(ConfigField.optional(MOVE_TO, ConfigType.STRING, "processed",
                "The folder, inside the directory, that read files move into (afterRead move)"));
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
        long lookBack = lookBackSeconds(object);
        String after = object.options().string(AFTER_READ, "keep").strip();
        AfterRead afterRead = java.util.Arrays.stream(AfterRead.values())
                .filter(a -> a.name().equalsIgnoreCase(after)).findFirst()
                .orElseThrow(() -> new ConfigException(List.of(new ConfigException.Problem(AFTER_READ,
                        "'" + after + "' is not keep, move or delete"))));
        String moveTo = object.options().string(MOVE_TO, "processed").strip();
        if (!isPlainFileName(moveTo)) {
            throw new ConfigException(List.of(new ConfigException.Problem(MOVE_TO,
                    "'" + moveTo + "' must be a folder name inside the directory, without a path")));
        }
        return new FileObjectOptions(pattern, outputFile, lookBack, afterRead, moveTo);
    }

    long lookBackMillis() {
        return lookBackSeconds * 1000;
    }

    private static long lookBackSeconds(DataObject object) {
        String raw = object.options().string(LOOK_BACK, Long.toString(DEFAULT_LOOK_BACK_SECONDS));
        long seconds;
        try {
            seconds = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_LOOK_BACK_SECONDS) {
            throw new ConfigException(List.of(new ConfigException.Problem(LOOK_BACK, "'" + raw
                    + "' is not a whole number of seconds between 0 and " + MAX_LOOK_BACK_SECONDS)));
        }
        return seconds;
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
