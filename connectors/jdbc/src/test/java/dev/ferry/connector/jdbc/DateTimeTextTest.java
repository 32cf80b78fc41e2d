package dev.ferry.connector.jdbc;

import org.junit.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.Assert.assertEquals;

public class DateTimeTextTest {

    /** The patterns MariaDB's driver (3.5) formats LocalDateTime and LocalDate parameters with. */
    private static final DateTimeFormatter DRIVER_FRACTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DRIVER_WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    public void writesWhatMariadbsDriverWritesForTheSameValue() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000_000) * 1000;
                case 2 -> random.nextInt(1_000_000_000);
                default -> random.nextInt(1000); // below a microsecond: the driver writes .000000
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertEquals(instant.toString(), utc.format(nano == 0 ? DRIVER_WHOLE : DRIVER_FRACTION),
                    DateTimeText.utc(instant));
            assertEquals(utc.toLocalDate().toString(), DateTimeText.date(utc.toLocalDate()));
        }
        assertEquals("0987-01-02", DateTimeText.date(LocalDate.of(987, 1, 2)));
        assertEquals("2024-03-01 12:30:00.250000", DateTimeText.utc(Instant.parse("2024-03-01T12:30:00.25Z")));
    }
}
