package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** A local folder of a file connection: where data files are found and where appends go. */
final class DataDirectory implements FileStore {

    static final String SETTING = "directory";

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    static DataDirectory of(Config connection) {
        return new DataDirectory(connection.path(SETTING));
    }

    @Override
    public ConnectionTest check() {
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

    @Override
    public void requireFolder() throws ConnectorException {
        if (!Files.isDirectory(path)) {
            throw new ConnectorException("directory_missing", "directory " + path + " does not exist", true);
        }
    }

    @Override
    public List<DataFile> list(PathMatcher names) throws ConnectorException {
        requireFolder();
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
                        files.add(new DataFile(new FilePosition(attributes.lastModifiedTime().toMillis(),
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

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(path.resolve(name));
    }

    @Override
    public long size(String name) throws IOException {
        Path file = path.resolve(name);
        return Files.exists(file) ? Files.size(file) : -1;
    }

    @Override
    public void append(String name, byte[] bytes) throws IOException {
        Files.write(path.resolve(name), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void move(String name, String folder) throws IOException {
        Path target = Files.createDirectories(path.resolve(folder));
        Files.move(path.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(path.resolve(name));
    }

    @Override
    public String describe(String name) {
        return path.resolve(name).toString();
    }

    @Override
    public void close() {
    }
}
