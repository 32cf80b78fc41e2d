package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder a file connection works in: a local one ({@link DataDirectory}) or one on an SFTP server
 * ({@link SftpFolder}). Opened for one read, one batch or one check, and closed after it.
 */
interface FileStore extends AutoCloseable {

    /** The connection settings of both kinds: a local {@code directory}, or an {@code sftpUrl} with its sign-in. */
    static List<ConfigField> fields() {
        return List.of(
                ConfigField.optional(DataDirectory.SETTING, ConfigType.PATH, null,
                        "The local folder files are read from and written to (or use sftpUrl)"),
                ConfigField.optional(SftpFolder.URL, ConfigType.URI, null,
                        "A folder on an SFTP server instead: sftp://host:22/path/to/folder"),
                ConfigField.optional(SftpFolder.USER, ConfigType.STRING, null, "The SFTP user"),
                ConfigField.secret(SftpFolder.PASSWORD, "The SFTP user's password (or a private key)"),
                ConfigField.secret(SftpFolder.PRIVATE_KEY, "The SFTP user's private key, in OpenSSH or PEM text"),
                ConfigField.optional(SftpFolder.HOST_KEY, ConfigType.STRING, null,
                        "The SFTP server's host key fingerprint, SHA256:…; a server showing another key is refused"
                                + " (the connection test tells the server's)"));
    }

    /**
     * The folder the settings name, not yet opened.
     *
     * @throws ConfigException naming each setting that cannot be used
     */
    static FileStore of(Config connection) {
        boolean local = connection.get(DataDirectory.SETTING).filter(s -> !s.isBlank()).isPresent();
        boolean sftp = connection.get(SftpFolder.URL).filter(s -> !s.isBlank()).isPresent();
        if (local == sftp) {
            List<ConfigException.Problem> problems = new ArrayList<>();
            problems.add(new ConfigException.Problem(DataDirectory.SETTING, local
                    ? "set either directory (a local folder) or sftpUrl (a folder on an SFTP server), not both"
                    : "is required, unless sftpUrl names a folder on an SFTP server"));
            throw new ConfigException(problems);
        }
        return local ? DataDirectory.of(connection) : SftpFolder.of(connection);
    }

    /** Whether the folder can be used (reached, signed in, readable, writable), in a user's words; never throws. */
    ConnectionTest check();

    /**
     * The data files whose names match, in arrival order. Names starting with '.' are skipped, so a writer can drop a
     * file under a hidden name and rename it when complete.
     *
     * @throws ConnectorException retriable when the folder cannot be reached or listed
     */
    List<DataFile> list(PathMatcher names) throws ConnectorException;

    /**
     * Checks that the folder is there before anything is written to it.
     *
     * @throws ConnectorException retriable ({@code directory_missing}) when it is not: it may be a mount not there yet
     */
    void requireFolder() throws ConnectorException;

    /** A file's content, to read once. */
    InputStream open(String name) throws IOException;

    /** The size of a file, or -1 when there is none. */
    long size(String name) throws IOException;

    /** Appends to a file, creating it when missing. */
    void append(String name, byte[] bytes) throws IOException;

    /** Moves a file into a folder below this one, creating the folder when missing. */
    void move(String name, String folder) throws IOException;

    void delete(String name) throws IOException;

    /** Where a file is, for messages: a local path or an sftp:// URL, never a secret. */
    String describe(String name);

    /** Closes what the folder holds open; a local folder holds nothing. */
    @Override
    void close();
}
