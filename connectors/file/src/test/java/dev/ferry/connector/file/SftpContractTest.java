package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;
import org.junit.ClassRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The file connector keeps the connector contract over SFTP: CSV files in a folder of a real SFTP server. */
public class SftpContractTest extends ConnectorContract {

    @ClassRule
    public static final SftpServer SERVER = new SftpServer();

    private Path folder() {
        try {
            return Files.createDirectories(SERVER.root().resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        folder();
        try {
            return SERVER.connection("inbox");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Config unreachable() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int closed = socket.getLocalPort();
            socket.close();
            return Config.of(Map.of(SftpFolder.URL, "sftp://127.0.0.1:" + closed + "/inbox", SftpFolder.USER, "ferry",
                    SftpFolder.PASSWORD, "x", SftpFolder.HOST_KEY, SERVER.hostKey()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        Files.writeString(folder().resolve("contacts-2.csv"), "id,name\n" + n + ",Changed " + n + "\n");
        return DataRecord.of(Map.of("id", (long) n, "name", "Changed " + n));
    }

    /** The test user with a password the server refuses. */
    @Override
    protected Config withSecret(String secret) {
        try {
            return SERVER.connection("inbox", SftpFolder.PASSWORD, secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
