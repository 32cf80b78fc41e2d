package dev.ferry.connector.jdbc;

import org.postgresql.util.ByteConverter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL's binary forms of {@code date} (4 bytes: days since 2000-01-01) and {@code timestamp} /
 * {@code timestamptz} (8 bytes: microseconds since 2000-01-01 00:00 UTC), as its driver hands them over for a
 * column received in binary ({@code ResultSet.getBytes}). {@code infinity} and {@code -infinity} come out as the
 * driver's own {@code getObject} gives them: the largest and smallest {@code LocalDate} / {@code LocalDateTime}.
 */
final class PgBinary {

    private static final long EPOCH_DAY_2000 = 10_957;
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;

    private PgBinary() {
    }

    static LocalDate date(byte[] raw) {
        return date(raw, 0);
    }

    /** A {@code date} whose 4 bytes start at {@code at}. */
    static LocalDate date(byte[] raw, int at) {
        int days = ByteConverter.int4(raw, at);
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(EPOCH_DAY_2000 + days);
    }

    static Instant instant(byte[] raw) {
        return instant(raw, 0);
    }

    /** A {@code timestamp} or {@code timestamptz} whose 8 bytes start at {@code at}. */
    static Instant instant(byte[] raw, int at) {
        long micros = ByteConverter.int8(raw, at);
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX.toInstant(ZoneOffset.UTC);
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN.toInstant(ZoneOffset.UTC);
        }
        return Instant.ofEpochSecond(EPOCH_SECOND_2000 + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
