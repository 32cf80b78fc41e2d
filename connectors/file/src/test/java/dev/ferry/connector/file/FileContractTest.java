package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * file keeps the connector contract on a real folder: CSV files of contacts, a new file for a change, upserts
 * appended to a file the object reads too (the last line of a key is its record).
 */
public class FileContractTest extends ConnectorContract {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();
    private Path folder;

    /** The folder the object's files are in, as the test writes them. */
    protected Path folder() {
        if (folder == null) {
            try {
                folder = temp.newFolder("contacts").toPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    @Override
    protected Connector connector() {
        return new FileConnector();
    }

    @Override
    protected String module() {
        return "csv";
    }

    @Override
    protected Config connection() {
        return Config.of(Map.of(DataDirectory.SETTING, folder().toString()));
    }

    @Override
    protected Config unreachable() {
        return Config.of(Map.of(DataDirectory.SETTING, folder().resolve("not-mounted").toString()));
    }

    @Override
    protected DataObject object() {
        return DataObject.builder("contacts")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .primaryKey("id")
                .options(Config.of(Map.of(FileObjectOptions.PATTERN, "contacts*.csv",
                        FileObjectOptions.OUTPUT_FILE, "contacts-written.csv")))
                .build();
    }

    @Override
    protected String discoveredName() {
        return "contacts-1";
    }

    @Override
    protected DataRecord record(int n) {
        return DataRecord.of(Map.of("id", (long) n, "name", "Contact " + n));
    }

    @Override
    protected void seed(List<DataRecord> records) throws Exception {
        try (Stream<Path> files = Files.list(folder())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        StringBuilder csv = new StringBuilder("id,name\n");
        records.forEach(r -> csv.append(r.get("id")).append(',').append(r.get("name")).append('\n'));
        Path file = Files.writeString(folder().resolve("contacts-1.csv"), csv);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    /** A change arrives as a new file with the record as it is now. */
    @Override
    protected DataRecord change(int n) throws Exception {
        DataRecord changed = DataRecord.of(Map.of("id", (long) n, "name", "Changed " + n));
        Files.writeString(folder().resolve("contacts-2.csv"), "id,name\n" + n + ",Changed " + n + "\n");
        return changed;
    }

    /** The file connector has no secret settings. */
    @Override
    protected Config withSecret(String secret) {
        return null;
    }
}
