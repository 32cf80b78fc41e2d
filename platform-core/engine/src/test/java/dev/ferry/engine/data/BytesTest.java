package dev.ferry.engine.data;

import org.junit.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    @Test
    public void aDecimalIsItsScaleAndItsUnscaledValuesTwosComplementBytes() {
        Random random = new Random(42);
        java.util.List<BigDecimal> values = new java.util.ArrayList<>(java.util.List.of(BigDecimal.ZERO,
                new BigDecimal("0.00"), new BigDecimal("-1"), new BigDecimal("-128"), new BigDecimal("128"),
                new BigDecimal("127"), new BigDecimal("-129"), new BigDecimal("1E+5"), new BigDecimal("-2.5E-7"),
                new BigDecimal("999999999999999999"), new BigDecimal("-999999999999999999"),
                new BigDecimal("9999999999999999999"), new BigDecimal("123456789012345678901234.5"),
                BigDecimal.valueOf(Long.MAX_VALUE), BigDecimal.valueOf(Long.MIN_VALUE)));
        for (int i = 0; i < 20_000; i++) {
            long unscaled = random.nextLong() >> random.nextInt(64);
            values.add(BigDecimal.valueOf(unscaled, random.nextInt(20) - 5));
        }
        for (BigDecimal d : values) {
            Bytes out = new Bytes(4);
            RecordCodec.write(out, d);
            Bytes expected = new Bytes(4);
            expected.put(3); // the decimal tag
            expected.putSigned(d.scale());
            byte[] bytes = d.unscaledValue().toByteArray();
            expected.putVarint(bytes.length);
            expected.put(bytes, 0, bytes.length);
            assertArrayEquals(d.toString(), expected.toArray(), out.toArray());
            Object back = RecordCodec.read(new Bytes.Reader(out.toArray()));
            assertEquals(d, back);
            assertEquals(new BigInteger(bytes), ((BigDecimal) back).unscaledValue());
        }
    }

    @Test
    public void longsAndVarintsReadBackAsWritten() {
        Random random = new Random(7);
        Bytes out = new Bytes(4);
        long[] written = new long[10_000];
        for (int i = 0; i < written.length; i++) {
            written[i] = random.nextLong() >> random.nextInt(64);
            out.putLong(written[i]);
            out.putSigned(written[i]);
            out.putVarint(written[i] & Long.MAX_VALUE);
        }
        // the stored byte order: least significant first
        Bytes one = new Bytes(4);
        one.putLong(0x0102030405060708L);
        assertArrayEquals(new byte[]{8, 7, 6, 5, 4, 3, 2, 1}, one.toArray());
        Bytes.Reader in = new Bytes.Reader(out.toArray());
        for (long v : written) {
            assertEquals(v, in.getLong());
            assertEquals(v, in.getSigned());
            assertEquals(v & Long.MAX_VALUE, in.getVarint());
        }
    }
}
