package dev.ferry.connector.file;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.rules.ExternalResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * An SFTP server for the tests (Apache MINA SSHD 2.14.0) on a free port: user {@value #USER} with password
 * {@value #PASSWORD}, serving a temporary folder as its root.
 */
final class SftpServer extends ExternalResource {

    static final String USER = "ferry";
    static final String PASSWORD = "s3cret pass";

    private SshServer sshd;
    private Path root;

    @Override
    protected void before() throws Throwable {
        root = Files.createTempDirectory("ferry-sftp-root");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolveSibling(root.getFileName() + ".hostkey")));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
    }

    @Override
    protected void after() {
        try {
            sshd.stop(true);
        } catch (Exception e) {
            // the JVM ends with the tests
        }
    }

    /** The local folder the server serves as its root. */
    Path root() {
        return root;
    }

    int port() {
        return sshd.getPort();
    }

    /** The fingerprint of the server's host key, as OpenSSH shows it. */
    String hostKey() throws Exception {
        KeyPair key = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic());
    }

    /** Connection settings for a folder below the root, signed in as the test user, trusting the server's key. */
    dev.ferry.connector.api.Config connection(String folder, String... more) throws Exception {
        java.util.Map<String, String> values = new java.util.HashMap<>(java.util.Map.of(
                SftpFolder.URL, "sftp://127.0.0.1:" + port() + "/" + folder, SftpFolder.USER, USER,
                SftpFolder.PASSWORD, PASSWORD, SftpFolder.HOST_KEY, hostKey()));
        for (int i = 0; i + 1 < more.length; i += 2) {
            if (more[i + 1] == null) {
                values.remove(more[i]);
            } else {
                values.put(more[i], more[i + 1]);
            }
        }
        return dev.ferry.connector.api.Config.of(values);
    }
}
