package dev.ferry.engine.secret;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Encrypts secret config values at rest with AES-256-GCM (the JDK's own), under a key kept in a file only its owner
 * can read ({@code etc/ferry-secrets.key}, made at first start). A sealed value reads
 * {@code enc:v1:<key id>:<base64 of the 12-byte nonce and the ciphertext with its tag>}; it names its key, so a
 * rotation can re-encrypt values one by one while the old key is still in the file. Values that are not sealed pass
 * through {@link #open} unchanged (secrets stored before Ferry encrypted them, until the next rotation).
 */
@Component(service = SecretBox.class)
public class SecretBox {

    public static final String PREFIX = "enc:v1:";
    static final String FILE = "ferry-secrets.key";
    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecureRandom random = new SecureRandom();
    private Path file;
    private String current;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public SecretBox() {
    }

    /** A box over a key file (made when missing); for use outside OSGi. */
    public SecretBox(Path file) {
        load(file);
    }

    @Activate
    void activate() {
        load(Path.of(System.getProperty("karaf.etc", "etc"), FILE));
    }

    private synchronized void load(Path keyFile) {
        this.file = keyFile;
        try {
            if (!Files.exists(keyFile)) {
                String id = newId();
                write(keyFile, id, Map.of(id, newKey()));
                LOG.info("Made the key that encrypts secret configs at rest: {} (only its owner may read it; keep a copy"
                        + " with your backups, the store's secrets cannot be read without it)", keyFile);
            }
            Properties p = new Properties();
            try (var in = Files.newInputStream(keyFile)) {
                p.load(in);
            }
            keys.clear();
            current = p.getProperty("current");
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("key.")) {
                    keys.put(name.substring(4), new SecretKeySpec(Base64.getDecoder().decode(p.getProperty(name)), "AES"));
                }
            }
            if (current == null || !keys.containsKey(current)) {
                throw new IllegalStateException("key file " + keyFile + " names no current key");
            }
            if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")
                    && !Files.getPosixFilePermissions(keyFile).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
                LOG.warn("Key file {} could be read by others; it is owner-only again", keyFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the key file for secret configs cannot be read or made: " + keyFile, e);
        }
    }

    /** Whether a stored value is sealed. */
    public static boolean sealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The value encrypted under the current key (a sealed value stays as it is). */
    public synchronized String seal(String plain) {
        if (plain == null || sealed(plain)) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] text = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[NONCE + text.length];
            System.arraycopy(nonce, 0, all, 0, NONCE);
            System.arraycopy(text, 0, all, NONCE, text.length);
            return PREFIX + current + ":" + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret could not be encrypted: " + e, e);
        }
    }

    /**
     * The plain value of a sealed one (a value that is not sealed as it is).
     *
     * @throws IllegalStateException when its key is not in the key file or it was changed
     */
    public synchronized String open(String stored) {
        if (!sealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String id = stored.substring(PREFIX.length(), colon);
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a secret was encrypted under key " + id + ", which " + file + " does not hold");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret under key " + id + " cannot be decrypted (changed, or another key"
                    + " file): " + e.getMessage(), e);
        }
    }

    /** Every value opened. */
    public Map<String, String> open(Map<String, String> stored) {
        Map<String, String> plain = new LinkedHashMap<>();
        stored.forEach((k, v) -> plain.put(k, open(v)));
        return plain;
    }

    /** Whether a stored value needs sealing again under the current key (clear, or under an older key). */
    public synchronized boolean stale(String stored) {
        return !sealed(stored) || !stored.startsWith(PREFIX + current + ":");
    }

    /** Adds a new key and makes it the current one; the old ones stay until {@link #forgetOldKeys}. */
    public synchronized String addKey() {
        String id = newId();
        Map<String, SecretKey> all = new LinkedHashMap<>(keys);
        all.put(id, newKey());
        write(file, id, all);
        keys.put(id, all.get(id));
        current = id;
        return id;
    }

    /** Keeps only the current key (once nothing is sealed under the others). */
    public synchronized void forgetOldKeys() {
        write(file, current, Map.of(current, keys.get(current)));
        keys.keySet().removeIf(id -> !id.equals(current));
    }

    public synchronized String currentKey() {
        return current;
    }

    private String newId() {
        byte[] id = new byte[4];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key file whole (a new file moved over the old one), owner-only from the start. */
    private static void write(Path target, String current, Map<String, SecretKey> keys) {
        StringBuilder text = new StringBuilder("# Ferry's keys for secret configs (AES-256-GCM). Owner-only; back it up with"
                + " the store: without it the store's secrets cannot be read.\ncurrent=" + current + "\n");
        keys.forEach((id, key) -> text.append("key.").append(id).append('=')
                .append(Base64.getEncoder().encodeToString(key.getEncoded())).append('\n'));
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the key file " + target + " cannot be written", e);
        }
    }
}
