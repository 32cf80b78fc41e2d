package dev.ferry.engine.secret;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Secret configs at rest: sealed under an owner-only key, readable back, tamper-evident, and rotated without loss. */
public class SecretBoxTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aSealedValueReadsBackAndShowsNothingOfTheSecret() throws Exception {
        Path file = folder.getRoot().toPath().resolve("etc").resolve(SecretBox.FILE);
        SecretBox box = new SecretBox(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String sealed = box.seal("s3cret-password");
        assertTrue(sealed, sealed.startsWith(SecretBox.PREFIX + box.currentKey() + ":"));
        assertFalse(sealed.contains("s3cret"));
        assertNotEquals("a fresh nonce each time", sealed, box.seal("s3cret-password"));
        assertEquals("s3cret-password", box.open(sealed));
        assertEquals("a value stored in clear before reads as it is", "plain", box.open("plain"));
        assertEquals("the same key file opens it after a restart", "s3cret-password", new SecretBox(file).open(sealed));
        assertFalse(Files.readString(file).contains("s3cret"));
    }

    @Test
    public void aChangedValueOrAnotherKeyFileIsRefusedNotMisread() throws Exception {
        SecretBox box = new SecretBox(folder.getRoot().toPath().resolve("a.key"));
        String sealed = box.seal("token-1234");
        char[] chars = sealed.toCharArray();
        int i = chars.length - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        try {
            box.open(new String(chars));
            fail("a changed value must not decrypt");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("cannot be decrypted"));
        }
        try {
            new SecretBox(folder.getRoot().toPath().resolve("b.key")).open(sealed);
            fail("another key file holds another key");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("does not hold"));
        }
    }

    @Test
    public void aRotationKeepsTheOldKeyUntilEverythingIsSealedAgain() throws Exception {
        Path file = folder.getRoot().toPath().resolve("r.key");
        SecretBox box = new SecretBox(file);
        String old = box.seal("value");
        String before = box.currentKey();
        String now = box.addKey();
        assertNotEquals(before, now);
        assertTrue(box.stale(old));
        assertEquals("the old key still opens what it sealed", "value", box.open(old));
        String again = box.seal(box.open(old));
        assertFalse(box.stale(again));
        box.forgetOldKeys();
        assertEquals("value", new SecretBox(file).open(again));
        assertFalse(Files.readString(file).contains("key." + before));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
