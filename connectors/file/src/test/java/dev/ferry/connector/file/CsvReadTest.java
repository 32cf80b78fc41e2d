package dev.ferry.connector.file;

import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class CsvReadTest extends InFolderTest {

    @Test
    public void readsAThousandRowsWithTheirTypes() throws Exception {
        List<String> lines = new ArrayList<>(List.of(Customers.CSV_HEADER));
        for (long id = 1; id <= 1000; id++) {
            lines.add(Customers.csvRow(id));
        }
        Files.write(dir.resolve("customers-1.csv"), lines);

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertEquals(1000, context.emitted.size());
        assertTrue(context.rejected.isEmpty());
        DataRecord first = context.emitted.get(0);
        assertEquals(1L, first.get("id"));
        assertEquals("name 1", first.get("name"));
        assertEquals(new BigDecimal("1.25"), first.get("balance"));
        assertEquals(Boolean.FALSE, first.get("active"));
        assertEquals(LocalDate.of(1990, 1, 2), first.get("born"));
        assertEquals(Instant.parse("2024-05-01T10:00:01Z"), first.get("updated"));
        assertEquals(1000L, context.emitted.get(999).get("id"));
    }

    @Test
    public void reportsBadRowsWithTheirLineAndReadsTheRest() throws Exception {
        Files.write(dir.resolve("customers.csv"), List.of(
                Customers.CSV_HEADER,
                Customers.csvRow(1),
                "2,too,few",
                "",
                "3,x,not-a-number,true,1990-01-01,2024-01-01T00:00:00Z",
                ",no key,1,true,1990-01-01,2024-01-01T00:00:00Z",
                Customers.csvRow(4)));

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertEquals(List.of(1L, 4L), context.emitted.stream().map(r -> r.get("id")).toList());
        assertEquals(3, context.rejected.size());
        assertTrue(context.rejected.get("customers.csv line 3"), context.rejected.get("customers.csv line 3").contains("3 values"));
        assertTrue(context.rejected.get("customers.csv line 5").contains("'balance'"));
        assertTrue(context.rejected.get("customers.csv line 6").contains("'id' is required"));
    }

    @Test
    public void brokenQuotingCostsItsRowAndNoOtherFile() throws Exception {
        Files.write(dir.resolve("customers-a.csv"), List.of(Customers.CSV_HEADER, Customers.csvRow(1),
                "2,\"broken\"x,1,true,1990-01-01,2024-01-01T00:00:00Z", Customers.csvRow(3)));
        Files.write(dir.resolve("customers-b.csv"), List.of(Customers.CSV_HEADER, Customers.csvRow(4)));
        Files.setLastModifiedTime(dir.resolve("customers-b.csv"),
                Files.getLastModifiedTime(dir.resolve("customers-a.csv")));

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertEquals(List.of(1L, 3L, 4L), context.emitted.stream().map(r -> r.get("id")).toList());
        assertEquals(List.of("customers-a.csv line 3"), List.copyOf(context.rejected.keySet()));
    }

    @Test
    public void matchesHeaderNamesIgnoringCaseAndOrder() throws Exception {
        Files.writeString(dir.resolve("customers.csv"), "\uFEFFNAME,Id,extra\n\"Doe, Jane\",7,ignored\n",
                StandardCharsets.UTF_8);

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertEquals(1, context.emitted.size());
        assertEquals(7L, context.emitted.get(0).get("id"));
        assertEquals("Doe, Jane", context.emitted.get(0).get("name"));
        assertEquals(null, context.emitted.get(0).get("balance"));
    }

    @Test
    public void aHeaderWithoutTheKeyColumnRejectsTheFileOnce() throws Exception {
        Files.write(dir.resolve("customers.csv"), List.of("name,balance", "a,1", "b,2"));

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertTrue(context.emitted.isEmpty());
        assertEquals(Map.of("customers.csv line 1",
                        "the header has no column for required field(s) [id]; the rest of the file is skipped"),
                context.rejected);
    }

    /** A stray quote costs its row: the reader goes on at the next line, and every row after it is read. */
    @Test
    public void aRowWithBrokenQuotingIsRejectedAndTheRowsAfterItRead() throws Exception {
        Files.write(dir.resolve("customers.csv"), List.of("id,name,balance", "1,Ada,1", "2,\"Bert,2", "3,Carla,3",
                "4,\"Dirk\"x,4", "5,\"Eve\nwith a line break\",5", "6,Fay,6"));

        RecordingReadContext context = read(ReadMode.FULL, Map.of());

        assertEquals(List.of(1L, 3L, 5L, 6L), context.emitted.stream().map(r -> r.get("id")).toList());
        assertEquals("Eve\nwith a line break", context.emitted.get(2).get("name"));
        assertEquals(List.of("customers.csv line 3", "customers.csv line 5"), List.copyOf(context.rejected.keySet()));
        assertTrue(context.rejected.get("customers.csv line 3"), context.rejected.get("customers.csv line 3")
                .startsWith("cannot be parsed: ") && context.rejected.get("customers.csv line 3").endsWith("; reading goes on at line 4"));
        assertTrue(context.rejected.get("customers.csv line 5"), context.rejected.get("customers.csv line 5")
                .endsWith("; reading goes on at line 6"));
    }

    @Test
    public void readsFilesWithoutHeaderInFieldOrderWithAnotherDelimiter() throws Exception {
        Files.write(dir.resolve("export.txt"), List.of("1;one;0.5;yes;2000-02-29;2024-01-01 12:00:00"));

        RecordingReadContext context = read(ReadMode.FULL,
                Map.of("pattern", "export.*", "header", "false", "delimiter", ";"));

        assertEquals(1, context.emitted.size());
        assertEquals(Instant.parse("2024-01-01T12:00:00Z"), context.emitted.get(0).get("updated"));
        assertEquals(Boolean.TRUE, context.emitted.get(0).get("active"));
    }

    @Test
    public void stopsWhenThePlatformHasEnoughAndResumesAtThatFile() throws Exception {
        Files.write(dir.resolve("customers.csv"), List.of(Customers.CSV_HEADER, Customers.csvRow(1), Customers.csvRow(2)));

        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(),
                ReadMode.INCREMENTAL, null).stopAfter(1);
        Optional<String> cursor = connector.cacheWriter("csv").read(context);

        assertEquals(1, context.emitted.size());
        assertFalse("an unfinished file is not behind the cursor", cursor.isPresent());
    }

    private RecordingReadContext read(ReadMode mode, Map<String, String> options) throws Exception {
        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(options),
                mode, null);
        connector.cacheWriter("csv").read(context);
        return context;
    }
}
