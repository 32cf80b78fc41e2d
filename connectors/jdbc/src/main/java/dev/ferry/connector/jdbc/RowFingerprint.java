package dev.ferry.connector.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Rows' fingerprints: a 64-bit hash of a row's bytes as the database sent them ({@link PgCopy}'s messages), seeded
 * with the columns' types, so a column whose type changed does not look the same. Ferry's cache then finds an
 * unchanged row by this alone and the row is not converted to a record (ReadContext read 1.2).
 */
final class RowFingerprint {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0xc6a4a7935bd1e995L;
    /** Changed whenever what goes into a fingerprint changes, so that stored ones no longer match. */
    private static final String FORMAT = "jdbc row 1";

    private RowFingerprint() {
    }

    /** What the fingerprints of rows with these columns are seeded with: the columns' types. */
    static long seed(ResultSetMetaData meta) throws SQLException {
        StringBuilder types = new StringBuilder(FORMAT);
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            types.append('|').append(meta.getColumnTypeName(i)).append('(').append(meta.getPrecision(i)).append(',')
                    .append(meta.getScale(i)).append(')');
        }
        byte[] b = types.toString().getBytes(StandardCharsets.UTF_8);
        return hash(b, b.length, 0x9e3779b97f4a7c15L);
    }

    /** MurmurHash64A over bytes. */
    static long hash(byte[] data, int length, long seed) {
        long h = seed ^ (length * M);
        int words = length >>> 3;
        for (int i = 0; i < words; i++) {
            long k = (long) LONGS.get(data, i << 3);
            k *= M;
            k ^= k >>> 47;
            k *= M;
            h ^= k;
            h *= M;
        }
        int tail = words << 3;
        int rest = length & 7;
        if (rest > 0) {
            long k = 0;
            for (int i = rest - 1; i >= 0; i--) {
                k = k << 8 | (data[tail + i] & 0xffL);
            }
            h ^= k;
            h *= M;
        }
        h ^= h >>> 47;
        h *= M;
        h ^= h >>> 47;
        return h;
    }
}
