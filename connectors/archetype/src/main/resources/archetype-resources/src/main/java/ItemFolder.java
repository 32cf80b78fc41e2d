package ${package};

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** The example's external system: a folder of subfolders of {@code .properties} files. */
final class ItemFolder {

    static final String FOLDER = "folder";
    private static final String SUFFIX = ".properties";

    private final Path root;

    private ItemFolder(Path root) {
        this.root = root;
    }

    static ItemFolder of(Config connection) {
        return new ItemFolder(connection.path(FOLDER));
    }

    ConnectionTest check() {
        if (!Files.isDirectory(root)) {
            return ConnectionTest.failed("folder " + root + " does not exist");
        }
        if (!Files.isWritable(root)) {
            return ConnectionTest.failed("folder " + root + " is not writable");
        }
        return ConnectionTest.ok("folder " + root + " is readable and writable");
    }

    /** Retriable: the folder may be a mount that is not there yet. */
    private void requireRoot() throws ConnectorException {
        if (!Files.isDirectory(root)) {
            throw new ConnectorException("folder_missing", "folder " + root + " does not exist", true);
        }
    }

    /** The files of an object's records, in name order. */
    List<Path> files(DataObject object) throws ConnectorException {
        requireRoot();
        Path folder = root.resolve(object.name());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new ConnectorException("unreadable", "cannot list " + folder + ": " + e.getMessage(), true, e);
        }
    }

    /** A record file's values by field name. */
    static Map<String, Object> values(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Object> values = new HashMap<>();
        properties.forEach((k, v) -> values.put((String) k, v));
        return values;
    }

    /** The file of the record with this key. */
    Path file(DataObject object, Object key) {
        return root.resolve(object.name()).resolve(URLEncoder.encode(String.valueOf(key), StandardCharsets.UTF_8) + SUFFIX);
    }

    Optional<Map<String, Object>> read(DataObject object, Object key) throws ConnectorException {
        requireRoot();
        Path file = file(object, key);
        try {
            return Files.exists(file) ? Optional.of(values(file)) : Optional.empty();
        } catch (IOException e) {
            throw new ConnectorException("unreadable", "cannot read " + file + ": " + e.getMessage(), true, e);
        }
    }

    void write(DataObject object, Object key, DataRecord record) throws ConnectorException {
        requireRoot();
        Path file = file(object, key);
        Properties properties = new Properties();
        record.values().forEach((field, value) -> {
            if (value != null) {
                properties.setProperty(field, value.toString());
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), ".writing", SUFFIX);
            try (OutputStream out = Files.newOutputStream(written)) {
                properties.store(out, null);
            }
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectorException("write_failed", "cannot write " + file + ": " + e.getMessage(), true, e);
        }
    }

    void delete(DataObject object, Object key) throws ConnectorException {
        requireRoot();
        Path file = file(object, key);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ConnectorException("write_failed", "cannot delete " + file + ": " + e.getMessage(), true, e);
        }
    }

    List<DiscoveredObject> discover(String module) throws ConnectorException {
        requireRoot();
        List<DiscoveredObject> found = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                DiscoveredObject.Builder object = DiscoveredObject.builder(module, folder.getFileName().toString());
                try (Stream<Path> files = Files.list(folder)) {
                    Optional<Path> first = files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().findFirst();
                    if (first.isPresent()) {
                        List<String> fields = values(first.get()).keySet().stream().sorted().toList();
                        fields.forEach(f -> object.field(new FieldSpec(f, FieldType.STRING, f.equals("id"))));
                        if (fields.contains("id")) {
                            object.primaryKey(List.of("id"));
                        }
                    }
                }
                found.add(object.build());
            }
        } catch (IOException e) {
            throw new ConnectorException("unreadable", "cannot list " + root + ": " + e.getMessage(), true, e);
        }
        return found;
    }
}
