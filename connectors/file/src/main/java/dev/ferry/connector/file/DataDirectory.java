package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** The folder of a file connection: where data files are found and where appends go. */
final class DataDirectory {

    static final String SETTING = "directory";

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    static DataDirectory of(Config connection) {
        return new DataDirectory(connection.path(SETTING));
    }

    /** Whether the folder can be used, in a user's words. */
    ConnectionTest check() {
        if (!Files.exists(path)) {
            return ConnectionTest.failed("directory " + path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            return ConnectionTest.failed(path + " is not a directory");
        }
        if (!Files.isReadable(path)) {
            return ConnectionTest.failed("directory " + path + " is not readable");
        }
        if (!Files.isWritable(path)) {
            return ConnectionTest.failed("directory " + path + " is not writable");
        }
        return ConnectionTest.ok("directory " + path + " is readable and writable");
    }

    /** Retriable: the folder may be a mount that is not there yet. */
    void requireExisting() throws ConnectorException {
        if (!Files.isDirectory(path)) {
            throw new ConnectorException("directory_missing", "directory " + path + " does not exist", true);
        }
    }

    /**
     * The data files whose names match, in arrival order. Names starting with '.' are skipped so a writer can
     * drop a file under a hidden name and rename it when complete.
     */
    List<DataFile> list(PathMatcher names) throws ConnectorException {
        requireExisting();
        List<DataFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path name = entry.getFileName();
                if (name.toString().startsWith(".") || !names.matches(name)) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        files.add(new DataFile(entry, new FilePosition(attributes.lastModifiedTime().toMillis(),
                                name.toString()), attributes.size()));
                    }
                } catch (NoSuchFileException e) {
                    // removed between listing and looking at it: nothing to read
                }
            }
        } catch (IOException e) {
            throw new ConnectorException("directory_unreadable", "cannot list directory " + path + ": " + e, true, e);
        }
        Collections.sort(files);
        return files;
    }

    Path resolve(String fileName) {
        return path.resolve(fileName);
    }
}
