package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Files on an SFTP server (a real one, Apache MINA SSHD), and what becomes of files once their records are stored. */
public class SftpAndAfterReadTest {

    @ClassRule
    public static final SftpServer SERVER = new SftpServer();
    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FileConnector connector = new FileConnector();

    private static DataObject customers(String... options) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return DataObject.builder("customers").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false)).primaryKey("id").options(Config.of(o)).build();
    }

    private RecordingReadContext read(Config connection, DataObject object, ReadMode mode) throws ConnectorException {
        RecordingReadContext context = new RecordingReadContext(connection, object, mode, null);
        context.cursorReturned = connector.cacheWriter("csv").read(context);
        return context;
    }

    private static Path folder(String name) throws Exception {
        return Files.createDirectories(SERVER.root().resolve(name));
    }

    @Test
    public void readsAndAppendsOverSftp() throws Exception {
        Path inbox = folder("read-append");
        Files.writeString(inbox.resolve("customers-1.csv"), "id,name\n1,Ada\n2,Bert\n");
        Config sftp = SERVER.connection("read-append");
        ConnectionTest test = connector.testConnection(sftp);
        assertTrue(test.message(), test.ok());
        assertEquals("signed in to sftp://127.0.0.1:" + SERVER.port() + "/read-append as ferry (host key "
                + SERVER.hostKey() + ")", test.message());
        RecordingReadContext read = read(sftp, customers(), ReadMode.INCREMENTAL);
        assertEquals(List.of(1L, 2L), read.emitted.stream().map(r -> r.get("id")).toList());

        connector.actionProcessor("csv").execute(ActionContext.of(sftp, customers()), List.of(
                new Action(1, Operation.UPSERT, DataRecord.of(Map.of("id", 3L, "name", "Carla")))));
        connector.actionProcessor("csv").execute(ActionContext.of(sftp, customers()), List.of(
                new Action(2, Operation.INSERT, DataRecord.of(Map.of("id", 4L, "name", "Dirk")))));
        assertEquals("id,name\n3,Carla\n4,Dirk\n", Files.readString(inbox.resolve("customers.csv")).replace("\r\n", "\n"));
    }

    @Test
    public void filesMoveOrGoOnceTheirRecordsAreStoredLocallyAndOverSftp() throws Exception {
        Path local = temp.newFolder("local").toPath();
        Files.writeString(local.resolve("customers-1.csv"), "id,name\n1,Ada\n");
        RecordingReadContext moved = read(Config.of(Map.of(DataDirectory.SETTING, local.toString())),
                customers(FileObjectOptions.AFTER_READ, "move"), ReadMode.INCREMENTAL);
        assertEquals(1, moved.emitted.size());
        assertEquals(1, moved.storedNotices);
        assertFalse(Files.exists(local.resolve("customers-1.csv")));
        assertTrue(Files.exists(local.resolve("processed/customers-1.csv")));

        Path remote = folder("after-read");
        Files.writeString(remote.resolve("customers-1.csv"), "id,name\n1,Ada\n");
        Files.writeString(remote.resolve("customers-2.csv"), "id,name\n2,Bert\n");
        read(SERVER.connection("after-read"), customers(FileObjectOptions.AFTER_READ, "move",
                FileObjectOptions.MOVE_TO, "done"), ReadMode.INCREMENTAL);
        assertEquals(List.of("customers-1.csv", "customers-2.csv"), names(remote.resolve("done")));
        assertEquals(List.of("done"), names(remote));

        Files.writeString(remote.resolve("customers-3.csv"), "id,name\n3,Carla\n");
        RecordingReadContext deleted = read(SERVER.connection("after-read"),
                customers(FileObjectOptions.AFTER_READ, "delete"), ReadMode.INCREMENTAL);
        assertEquals(1, deleted.emitted.size());
        assertEquals(List.of("done"), names(remote));
    }

    @Test
    public void filesTakenAwayOnceReadAreReadIncrementallyOnly() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(
                Config.of(Map.of(DataDirectory.SETTING, temp.getRoot().toString())),
                customers(FileObjectOptions.AFTER_READ, "delete"), ReadMode.FULL));
        assertEquals("full_read", e.code());
        assertFalse(e.retriable());
        ConfigException bad = assertThrows(ConfigException.class, () -> connector.validate("csv",
                Config.of(Map.of(DataDirectory.SETTING, temp.getRoot().toString())),
                customers(FileObjectOptions.AFTER_READ, "archive")));
        assertEquals(List.of(new ConfigException.Problem("afterRead", "'archive' is not keep, move or delete")),
                bad.problems());
    }

    @Test
    public void aServerIsTrustedOnlyWithTheHostKeyTheConnectionNames() throws Exception {
        folder("keys");
        Config unnamed = SERVER.connection("keys", SftpFolder.HOST_KEY, null);
        ConnectionTest test = connector.testConnection(unnamed);
        assertFalse(test.ok());
        assertEquals("sftp://127.0.0.1:" + SERVER.port() + "/keys shows host key " + SERVER.hostKey()
                + "; once its administrator confirms it is theirs, set sftpHostKey to it", test.message());
        ConnectorException missing = assertThrows(ConnectorException.class,
                () -> read(unnamed, customers(), ReadMode.INCREMENTAL));
        assertEquals("host_key_missing", missing.code());

        String other = "SHA256:" + "A".repeat(43);
        ConnectorException mismatch = assertThrows(ConnectorException.class,
                () -> read(SERVER.connection("keys", SftpFolder.HOST_KEY, other), customers(), ReadMode.INCREMENTAL));
        assertEquals("host_key_mismatch", mismatch.code());
        assertFalse(mismatch.retriable());
        assertEquals("sftp://127.0.0.1:" + SERVER.port() + "/keys showed host key " + SERVER.hostKey() + ", not the "
                + other + " the connection names: refused", mismatch.getMessage());
    }

    @Test
    public void refusesConnectionsItCannotUseNamingEachSetting() {
        assertEquals(Map.of("directory", "is required, unless sftpUrl names a folder on an SFTP server"),
                problems(Map.of()));
        assertEquals(Map.of("directory", "set either directory (a local folder) or sftpUrl (a folder on an SFTP server),"
                + " not both"), problems(Map.of(DataDirectory.SETTING, "/tmp", SftpFolder.URL, "sftp://h/x")));
        assertEquals(Map.of("sftpUser", "is required with sftpUrl",
                        "sftpPassword", "is required with sftpUrl, unless sftpPrivateKey is set",
                        "sftpHostKey", "'MD5:aa' is not a SHA256:… fingerprint"),
                problems(Map.of(SftpFolder.URL, "sftp://h/x", SftpFolder.HOST_KEY, "MD5:aa")));
        assertEquals(Map.of("sftpUrl", "'ftp://h/x' is not an sftp://host/folder URL"),
                problems(Map.of(SftpFolder.URL, "ftp://h/x", SftpFolder.USER, "u", SftpFolder.PASSWORD, "p")));
    }

    private Map<String, String> problems(Map<String, String> connection) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> connector.validate("csv", Config.of(connection), customers()));
        return e.problems().stream().collect(Collectors.toMap(ConfigException.Problem::field,
                ConfigException.Problem::reason));
    }

    private static List<String> names(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
