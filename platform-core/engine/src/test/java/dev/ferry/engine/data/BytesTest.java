package dev.ferry.engine.data;

import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** The byte form of text must never change: stored value hashes are taken over it. */
public class BytesTest {

    @Test
    public void textIsItsUtf8BytesAfterTheirCountWhateverItsCharacters() {
        for (String s : new String[]{"", "a", "user42@example.com", "Zoë Ångström", "日本語", "x".repeat(127),
                "x".repeat(128), "é".repeat(100), "a".repeat(126) + "é", "\u0000\u007f"}) {
            Bytes out = new Bytes(4);
            out.putString(s);
            Bytes expected = new Bytes(4);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            expected.putVarint(utf8.length);
            expected.put(utf8, 0, utf8.length);
            assertArrayEquals(s, expected.toArray(), out.toArray());
            assertEquals(s, new Bytes.Reader(out.toArray()).getString());
        }
    }
}
