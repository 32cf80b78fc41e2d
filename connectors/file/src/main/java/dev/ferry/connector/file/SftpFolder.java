package dev.ferry.connector.file;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.UserInfo;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Vector;

/**
 * A folder on an SFTP server (client: JSch). The server must show the host key the settings name, so files and
 * credentials never go to a server that only claims the name; a connection test tells the key the server shows.
 * One SSH session and SFTP channel per read, batch or check.
 */
final class SftpFolder implements FileStore {

    static final String URL = "sftpUrl";
    static final String USER = "sftpUser";
    static final String PASSWORD = "sftpPassword";
    static final String PRIVATE_KEY = "sftpPrivateKey";
    static final String HOST_KEY = "sftpHostKey";
    static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String folder;
    private final String user;
    private final String password;
    private final String privateKey;
    private final String hostKey;
    private Session session;
    private ChannelSftp sftp;
    /** The host key the server showed, as a fingerprint, once it did. */
    private String shownHostKey;

    private SftpFolder(String host, int port, String folder, String user, String password, String privateKey,
                       String hostKey) {
        this.host = host;
        this.port = port;
        this.folder = folder;
        this.user = user;
        this.password = password;
        this.privateKey = privateKey;
        this.hostKey = hostKey;
    }

    /** @throws ConfigException naming each setting that cannot be used */
    static SftpFolder of(Config c) {
        List<ConfigException.Problem> problems = new ArrayList<>();
        URI url = URI.create(c.string(URL));
        if (!"sftp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            problems.add(new ConfigException.Problem(URL, "'" + url + "' is not an sftp://host/folder URL"));
        } else if (url.getRawUserInfo() != null) {
            problems.add(new ConfigException.Problem(URL, "carries a user name or password; use sftpUser and sftpPassword"));
        }
        String user = c.get(USER).filter(u -> !u.isBlank()).orElse(null);
        if (user == null) {
            problems.add(new ConfigException.Problem(USER, "is required with sftpUrl"));
        }
        String password = c.get(PASSWORD).filter(p -> !p.isEmpty()).orElse(null);
        String key = c.get(PRIVATE_KEY).filter(k -> !k.isBlank()).orElse(null);
        if (password == null && key == null) {
            problems.add(new ConfigException.Problem(PASSWORD, "is required with sftpUrl, unless sftpPrivateKey is set"));
        }
        String hostKey = c.get(HOST_KEY).map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (hostKey != null && !hostKey.startsWith("SHA256:")) {
            problems.add(new ConfigException.Problem(HOST_KEY, "'" + hostKey + "' is not a SHA256:… fingerprint"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        return new SftpFolder(url.getHost(), url.getPort() == -1 ? 22 : url.getPort(), path, user, password, key,
                hostKey);
    }

    private String where() {
        return "sftp://" + host + (port == 22 ? "" : ":" + port) + folder;
    }

    private ChannelSftp sftp() throws ConnectorException {
        if (sftp != null && sftp.isConnected()) {
            return sftp;
        }
        if (hostKey == null) {
            throw new ConnectorException("host_key_missing", "set sftpHostKey to the fingerprint of the host key of "
                    + where() + " (its connection test tells it), so Ferry knows it is talking to that server", false);
        }
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new OnlyThisKey());
        try {
            if (privateKey != null) {
                jsch.addIdentity("ferry", privateKey.getBytes(StandardCharsets.UTF_8), null, null);
            }
            session = jsch.getSession(user, host, port);
            if (password != null) {
                session.setPassword(password);
            }
            session.setUserInfo(new NoQuestions());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey,password");
            session.setTimeout(TIMEOUT_MILLIS);
            session.connect(TIMEOUT_MILLIS);
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(TIMEOUT_MILLIS);
            return sftp;
        } catch (JSchException e) {
            close();
            throw failure(e);
        }
    }

    /** A refusal or silence, classified, never with the password or key. */
    private ConnectorException failure(JSchException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("reject HostKey") || message.contains("HostKey has been changed")) {
            return new ConnectorException("host_key_mismatch", where() + " showed host key " + shownHostKey
                    + ", not the " + hostKey + " the connection names: refused", false);
        }
        if (message.contains("Auth fail") || message.contains("Auth cancel")) {
            return new ConnectorException("unauthorized", where() + " refused user '" + user + "'", false);
        }
        if (message.contains("invalid privatekey")) {
            return new ConnectorException("invalid_key", "sftpPrivateKey is not a private key JSch can read", false);
        }
        String cause = e.getCause() == null ? message : e.getCause().toString();
        String safe = password == null ? cause : cause.replace(password, "***");
        return new ConnectorException("unreachable", "cannot reach " + where() + ": " + safe, true);
    }

    @Override
    public ConnectionTest check() {
        if (hostKey == null) {
            String shown = showHostKey();
            return ConnectionTest.failed(shown == null ? "cannot reach " + where() + " to learn its host key"
                    : where() + " shows host key " + shown + "; once its administrator confirms it is theirs, set"
                    + " sftpHostKey to it");
        }
        try {
            SftpATTRS attributes = sftp().stat(folder);
            if (!attributes.isDir()) {
                return ConnectionTest.failed(where() + " is not a folder");
            }
            return ConnectionTest.ok("signed in to " + where() + " as " + user + " (host key " + shownHostKey + ")");
        } catch (ConnectorException e) {
            return ConnectionTest.failed(e.getMessage());
        } catch (SftpException e) {
            return ConnectionTest.failed(where() + ": " + e.getMessage());
        } finally {
            close();
        }
    }

    /** Learns the server's host key without trusting it, for a connection test to tell. */
    String showHostKey() {
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new OnlyThisKey());
        try {
            Session probe = jsch.getSession(user, host, port);
            probe.setConfig("StrictHostKeyChecking", "yes");
            probe.setTimeout(TIMEOUT_MILLIS);
            try {
                probe.connect(TIMEOUT_MILLIS);
            } finally {
                probe.disconnect();
            }
        } catch (JSchException e) {
            // refused at the host key, as meant: it is known now
        }
        return shownHostKey;
    }

    @Override
    public void requireFolder() throws ConnectorException {
        try {
            if (!sftp().stat(folder).isDir()) {
                throw new ConnectorException("directory_missing", where() + " is not a folder", true);
            }
        } catch (SftpException e) {
            throw new ConnectorException("directory_missing", "folder " + where() + " does not exist", true);
        }
    }

    @Override
    public List<DataFile> list(PathMatcher names) throws ConnectorException {
        ChannelSftp channel = sftp();
        List<DataFile> files = new ArrayList<>();
        try {
            @SuppressWarnings("unchecked")
            Vector<ChannelSftp.LsEntry> entries = channel.ls(folder);
            for (ChannelSftp.LsEntry entry : entries) {
                String name = entry.getFilename();
                if (name.startsWith(".") || !entry.getAttrs().isReg() || !names.matches(Path.of(name))) {
                    continue;
                }
                files.add(new DataFile(new FilePosition(entry.getAttrs().getMTime() * 1000L, name),
                        entry.getAttrs().getSize()));
            }
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw new ConnectorException("directory_missing", "folder " + where() + " does not exist", true);
            }
            throw new ConnectorException("directory_unreadable", "cannot list " + where() + ": " + e.getMessage(), true);
        }
        Collections.sort(files);
        return files;
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return sftp().get(file(name));
        } catch (SftpException e) {
            throw io(name, e);
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long size(String name) throws IOException {
        try {
            return sftp().stat(file(name)).getSize();
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return -1;
            }
            throw io(name, e);
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void append(String name, byte[] bytes) throws IOException {
        try {
            sftp().put(new ByteArrayInputStream(bytes), file(name), ChannelSftp.APPEND);
        } catch (SftpException e) {
            throw io(name, e);
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void move(String name, String into) throws IOException {
        try {
            ChannelSftp channel = sftp();
            String target = file(into);
            try {
                channel.stat(target);
            } catch (SftpException missing) {
                channel.mkdir(target);
            }
            String moved = target + "/" + name;
            try {
                channel.rm(moved);
            } catch (SftpException none) {
                // nothing of that name there yet
            }
            channel.rename(file(name), moved);
        } catch (SftpException e) {
            throw io(name, e);
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            sftp().rm(file(name));
        } catch (SftpException e) {
            if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw io(name, e);
            }
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe(String name) {
        return where() + (where().endsWith("/") ? "" : "/") + name;
    }

    @Override
    public void close() {
        if (sftp != null) {
            sftp.disconnect();
            sftp = null;
        }
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }

    private String file(String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private IOException io(String name, SftpException e) {
        if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
            return new NoSuchFileException(describe(name));
        }
        return new IOException(describe(name) + ": " + e.getMessage(), e);
    }

    /** OpenSSH's fingerprint of a host key: SHA256, then base64 without padding. */
    static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Trusts the one host key the settings name, and notes the key the server showed. */
    private final class OnlyThisKey implements HostKeyRepository {
        @Override
        public int check(String host, byte[] key) {
            shownHostKey = fingerprint(key);
            return shownHostKey.equals(hostKey) ? OK : NOT_INCLUDED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "ferry-connection";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }

    /** JSch asks nothing of a person: the settings are all there is. */
    private static final class NoQuestions implements UserInfo {
        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public boolean promptPassword(String message) {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }
    }

    @Override
    public String toString() {
        return where() + " as " + user;
    }
}
