package dev.ferry.connector.file;

import dev.ferry.connector.api.read.CacheWriter;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class IncrementalReadTest extends InFolderTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    public void readsOnlyFilesThatArrivedSinceTheLastRead() throws Exception {
        drop("customers-1.csv", T0, 1);
        drop("customers-2.csv", T0 + 1000, 2);
        drop("other.csv", T0 + 1000, 99);
        drop(".customers-3.csv.tmp", T0 + 1000, 98);

        RecordingReadContext first = read(ReadMode.INCREMENTAL, null);
        assertEquals(List.of(1L, 2L), ids(first));
        String cursor = first.cursorReturned.orElseThrow();

        RecordingReadContext nothingNew = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(), ids(nothingNew));
        assertEquals(Optional.of(cursor), nothingNew.cursorReturned);

        drop("customers-0.csv", T0 + 1000, 3); // same time as the last file read, a name sorting before it
        drop("customers-4.csv", T0 + 1000, 4); // same time, later name
        drop("customers-5.csv", T0 + 5000, 5);
        RecordingReadContext next = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(3L, 4L, 5L), ids(next));

        assertEquals(List.of(), ids(read(ReadMode.INCREMENTAL, next.cursorReturned.orElseThrow())));
    }

    @Test
    public void aFileArrivingAfterANewerOneWithAnOlderModificationTimeIsRead() throws Exception {
        drop("customers-new.csv", T0 + 60_000, 1);
        RecordingReadContext first = read(ReadMode.INCREMENTAL, null);
        assertEquals(List.of(1L), ids(first));

        // moved in from a staging folder (mv, cp -p): it keeps the time it was written, before the file read
        drop("customers-staged.csv", T0, 2);
        RecordingReadContext second = read(ReadMode.INCREMENTAL, first.cursorReturned.orElseThrow());
        assertEquals(List.of(2L), ids(second));

        RecordingReadContext third = read(ReadMode.INCREMENTAL, second.cursorReturned.orElseThrow());
        assertEquals("read once", List.of(), ids(third));
    }

    @Test
    public void aFileIsNotReadTwiceUnlessItChanges() throws Exception {
        drop("customers-1.csv", T0, 1);
        drop("customers-2.csv", T0, 2); // a file system with 1-second times: both in the same second
        String cursor = read(ReadMode.INCREMENTAL, null).cursorReturned.orElseThrow();
        for (int i = 0; i < 3; i++) {
            RecordingReadContext again = read(ReadMode.INCREMENTAL, cursor);
            assertEquals(List.of(), ids(again));
            cursor = again.cursorReturned.orElseThrow();
        }

        // the same name written again: a new modification time, or only a new size
        drop("customers-1.csv", T0 + 1000, 11);
        Files.write(dir.resolve("customers-2.csv"), List.of(Customers.CSV_HEADER, Customers.csvRow(2),
                Customers.csvRow(12)));
        Files.setLastModifiedTime(dir.resolve("customers-2.csv"), FileTime.fromMillis(T0));
        RecordingReadContext changed = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(2L, 12L, 11L), ids(changed));

        assertEquals(List.of(), ids(read(ReadMode.INCREMENTAL, changed.cursorReturned.orElseThrow())));
    }

    @Test
    public void anOldFormatCursorIsReadAsBefore() throws Exception {
        drop("customers-1.csv", T0, 1);
        drop("customers-2.csv", T0 + 1000, 2);
        drop("customers-3.csv", T0 + 1000, 3);
        drop("customers-4.csv", T0 + 2000, 4);

        RecordingReadContext fromOld = read(ReadMode.INCREMENTAL, (T0 + 1000) + "|customers-2.csv");
        assertEquals(List.of(3L, 4L), ids(fromOld));
        String cursor = fromOld.cursorReturned.orElseThrow();
        assertTrue(cursor, cursor.startsWith(FileCursor.VERSION + "|"));

        // the files behind the old cursor count as read; one arriving late with an older time is read
        drop("customers-0.csv", T0 + 500, 5);
        RecordingReadContext next = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(5L), ids(next));
        assertEquals(List.of(), ids(read(ReadMode.INCREMENTAL, next.cursorReturned.orElseThrow())));
    }

    @Test
    public void theCursorStaysShortWithThousandsOfFiles() throws Exception {
        int files = 3000;
        for (int i = 0; i < files; i++) {
            drop(String.format("customers-2024-05-01-%05d.csv", i), T0 + i * 1000L, i);
        }

        RecordingReadContext first = read(ReadMode.INCREMENTAL, null);
        assertEquals(files, first.emitted.size());
        String cursor = first.cursorReturned.orElseThrow();
        assertTrue("cursor of " + cursor.length() + " characters", cursor.length() <= CacheWriter.MAX_CURSOR_LENGTH);
        assertTrue(cursor.getBytes(StandardCharsets.UTF_8).length <= FileCursor.MAX_BYTES);

        RecordingReadContext again = read(ReadMode.INCREMENTAL, cursor);
        assertEquals("none read twice", List.of(), ids(again));

        // the newest files are still remembered by name: a late one among them is read
        drop("customers-late.csv", T0 + (files - 2) * 1000L, 100_000);
        RecordingReadContext late = read(ReadMode.INCREMENTAL, again.cursorReturned.orElseThrow());
        assertEquals(List.of(100_000L), ids(late));
        assertTrue(late.cursorReturned.orElseThrow().length() <= CacheWriter.MAX_CURSOR_LENGTH);
    }

    @Test
    public void namesWithSeparatorsAndOtherScriptsSurviveTheCursor() throws Exception {
        drop("customers-a|b,c;d.csv", T0, 1);
        drop("customers-ünïcødé-日本.csv", T0, 2);
        String cursor = read(ReadMode.INCREMENTAL, null).cursorReturned.orElseThrow();

        assertEquals(List.of(), ids(read(ReadMode.INCREMENTAL, cursor)));
    }

    @Test
    public void filesOlderThanTheLookBackBeforeTheNewestReadAreNotRead() throws Exception {
        Map<String, String> options = Map.of(FileObjectOptions.LOOK_BACK, "60");
        drop("customers-1.csv", T0 + 100_000, 1);
        String cursor = read(ReadMode.INCREMENTAL, null, options).cursorReturned.orElseThrow();

        drop("customers-2.csv", T0 + 50_000, 2);  // 50 s before the newest file read: inside the window
        drop("customers-3.csv", T0 + 30_000, 3);  // 70 s before: outside it, taken as read long ago
        RecordingReadContext next = read(ReadMode.INCREMENTAL, cursor, options);

        assertEquals(List.of(2L), ids(next));
    }

    @Test
    public void aReadThatStopsResumesAtTheFileItStoppedIn() throws Exception {
        drop("customers-1.csv", T0, 1);
        drop("customers-2.csv", T0 + 1000, 2);
        drop("customers-3.csv", T0 + 2000, 3);

        RecordingReadContext stopped = new RecordingReadContext(Customers.connection(dir), Customers.object(),
                ReadMode.INCREMENTAL, null).stopAfter(2);
        stopped.cursorReturned = connector.cacheWriter("csv").read(stopped);
        assertEquals(List.of(1L, 2L), ids(stopped));

        RecordingReadContext resumed = read(ReadMode.INCREMENTAL, stopped.cursorReturned.orElseThrow());
        assertEquals(List.of(2L, 3L), ids(resumed));
    }

    @Test
    public void anUnreadableCursorIsRefused() {
        for (String cursor : List.of("garbage", FileCursor.VERSION + "|1|x|", FileCursor.VERSION + "|1|2|3,4")) {
            ConnectorException e = assertThrows(cursor, ConnectorException.class,
                    () -> read(ReadMode.INCREMENTAL, cursor));
            assertEquals("invalid_cursor", e.code());
            assertFalse(e.retriable());
        }
    }

    @Test
    public void fullReadIgnoresTheCursorAndOrdersByArrival() throws Exception {
        drop("customers-b.csv", T0, 1);
        drop("customers-a.csv", T0 + 10, 2);

        RecordingReadContext full = read(ReadMode.FULL, T0 + "|customers-b.csv");

        assertEquals(List.of(1L, 2L), ids(full));
        assertEquals(List.of(), ids(read(ReadMode.INCREMENTAL, full.cursorReturned.orElseThrow())));
    }

    private void drop(String name, long modifiedMillis, long id) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(Customers.CSV_HEADER, Customers.csvRow(id)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    private RecordingReadContext read(ReadMode mode, String cursor) throws Exception {
        return read(mode, cursor, Map.of());
    }

    private RecordingReadContext read(ReadMode mode, String cursor, Map<String, String> options) throws Exception {
        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(options),
                mode, cursor);
        context.cursorReturned = connector.cacheWriter("csv").read(context);
        return context;
    }

    private static List<Object> ids(RecordingReadContext context) {
        return new ArrayList<>(context.emitted.stream().map(r -> r.get("id")).toList());
    }
}
