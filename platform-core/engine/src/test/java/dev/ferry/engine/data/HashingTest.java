package dev.ferry.engine.data;

import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

/**
 * Hashes are stored in workspace caches: the same bytes must hash to the same value in every release, or every
 * cached record would look changed (and be written again) after an upgrade.
 */
public class HashingTest {

    @Test
    public void theHashOfGivenBytesNeverChanges() {
        assertEquals(0L, Hashing.hash(new byte[0], 0, 0));
        byte[] text = "user42@example.com".getBytes(StandardCharsets.UTF_8);
        assertEquals(-8281386540606550011L, Hashing.hash(text, text.length, 0x5eed));
    }

    @Test
    public void everyLengthAndOffsetOfTheTailHashesAsItDid() {
        byte[] data = new byte[80];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        long folded = 0;
        for (int length = 0; length <= data.length; length++) {
            folded = folded * 1_000_003 + Hashing.hash(data, length, length);
        }
        assertEquals(2366383624378322905L, folded);
    }

    @Test
    public void aFingerprintCombinedWithItsShapeNeverChanges() {
        assertEquals(6264169869171707084L, Hashing.combine(0x1234_5678_9abcL, 42));
        assertNotEquals(Hashing.combine(1, 42), Hashing.combine(1, 43));
        assertNotEquals(Hashing.combine(1, 42), Hashing.combine(2, 42));
    }

    @Test
    public void onlyTheFirstLengthBytesCount() {
        byte[] a = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
        byte[] b = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.UTF_8);
        assertEquals(Hashing.hash(a, a.length, 1), Hashing.hash(b, a.length, 1));
    }
}
