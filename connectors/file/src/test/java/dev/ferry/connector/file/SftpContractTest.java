package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import org.junit.ClassRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The file connector keeps the connector contract over SFTP: the same CSV files as {@link FileContractTest}, in a
 * folder of a real SFTP server (Apache MINA SSHD) that the connector reaches with a password and the server's key.
 */
public class SftpContractTest extends FileContractTest {

    @ClassRule
    public static final SftpServer SERVER = new SftpServer();

    /** The server's folder, written to as its local files. */
    @Override
    protected Path folder() {
        try {
            return Files.createDirectories(SERVER.root().resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
