package dev.ferry.engine.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer and its reader, for the encodings the data path stores (cache segments, action pages). */
final class Bytes {

    /** Eight bytes as a long, least significant first: the order the data path has always stored. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    Bytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] array() {
        return buf;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void putLong(long v) {
        ensure(8);
        LONGS.set(buf, size, v);
        size += 8;
    }

    // The methods a record's values are written with (for its value hash, a million times in a re-sync) keep the
    // buffer and the position in locals: written through the fields, each byte would store the position again.

    void putVarint(long v) {
        ensure(10);
        byte[] b = buf;
        int p = size;
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        size = p;
    }

    void putSigned(long v) {
        putVarint((v << 1) ^ (v >> 63));
    }

    /** UTF-8 with its length first; text of ASCII only (most keys and values) is copied without an array of its own. */
    void putString(String s) {
        int n = s.length();
        if (n < 128) {
            ensure(1 + n);
            byte[] b = buf;
            int p = size;
            b[p++] = (byte) n; // the length as a one-byte varint, if every char is one byte
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    putUtf8(s); // not ASCII: the general way, from where this string began
                    return;
                }
                b[p++] = (byte) c;
            }
            size = p;
            return;
        }
        putUtf8(s);
    }

    private void putUtf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putVarint(b.length);
        put(b, 0, b.length);
    }

    /** Reads what {@link Bytes} wrote. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        boolean more() {
            return pos < buf.length;
        }

        int position() {
            return pos;
        }

        void skip(int n) {
            pos += n;
        }

        int get() {
            return buf[pos++] & 0xff;
        }

        long getLong() {
            long v = (long) LONGS.get(buf, pos);
            pos += 8;
            return v;
        }

        long getVarint() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long getSigned() {
            long v = getVarint();
            return (v >>> 1) ^ -(v & 1);
        }

        String getString() {
            int len = (int) getVarint();
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        byte[] getBytes(int len) {
            byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return b;
        }
    }
}
