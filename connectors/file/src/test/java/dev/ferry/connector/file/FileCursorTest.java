package dev.ferry.connector.file;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The cursor on its own, with files that exist only as listings. */
public class FileCursorTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long DAY = 24 * 60 * 60 * 1000L;
    private static final long NOW = T0 + 7 * DAY;

    @Test
    public void remembersTheFilesReadWithinTheLookBack() throws Exception {
        DataFile old = file("a.csv", T0 - 2 * DAY, 10);
        DataFile recent = file("b.csv", T0 - 1000, 20);
        DataFile newest = file("c.csv", T0, 30);

        String text = FileCursor.NONE.next(List.of(old, recent, newest), DAY, NOW, null).orElseThrow();

        assertEquals("v2|" + (T0 - DAY) + "|" + T0 + "|1000,20,b.csv/0,30,c.csv", text);
        FileCursor cursor = FileCursor.parse(text);
        assertTrue(cursor.hasRead(old));
        assertTrue(cursor.hasRead(recent));
        assertTrue(cursor.hasRead(newest));
        assertFalse("same name, written again", cursor.hasRead(file("b.csv", T0 - 1000, 21)));
        assertFalse("same name, written again", cursor.hasRead(file("c.csv", T0 + 1, 30)));
        assertFalse("arrived late", cursor.hasRead(file("d.csv", T0 - DAY, 5)));
        assertTrue("older than the window", cursor.hasRead(file("e.csv", T0 - DAY - 1, 5)));
    }

    @Test
    public void nothingReadEverGivesNoCursor() {
        assertEquals(Optional.empty(), FileCursor.NONE.next(List.of(), DAY, NOW, null));
    }

    @Test
    public void aFileDatedInTheFutureDoesNotHideTheFilesAfterIt() throws Exception {
        DataFile future = file("future.csv", NOW + 365 * DAY, 10);
        FileCursor cursor = FileCursor.parse(FileCursor.NONE.next(List.of(future), DAY, NOW, null).orElseThrow());

        assertTrue(cursor.hasRead(future));
        assertFalse(cursor.hasRead(file("today.csv", NOW - 1000, 10)));
    }

    @Test
    public void theWindowStartNeverMovesBack() throws Exception {
        FileCursor cursor = FileCursor.parse(
                FileCursor.NONE.next(List.of(file("a.csv", T0, 1)), DAY, NOW, null).orElseThrow());

        String longer = cursor.next(List.of(file("a.csv", T0, 1)), 7 * DAY, NOW, null).orElseThrow();

        assertTrue(longer, longer.startsWith("v2|" + (T0 - DAY) + "|"));
    }

    @Test
    public void droppingNamesMovesTheWindowStartPastTheirTime() throws Exception {
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // two files a second, as on a file system with 1-second times
            files.add(file(String.format("customers-%05d-ä.csv", i), T0 + (i / 2) * 1000L, 100 + i));
        }

        String text = FileCursor.NONE.next(files, DAY, NOW, null).orElseThrow();

        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= FileCursor.MAX_BYTES);
        FileCursor cursor = FileCursor.parse(text);
        long start = Long.parseLong(text.split("\\|")[1]);
        assertEquals("just after a second whose files were all dropped", 1, (start - T0) % 1000);
        for (DataFile file : files) {
            assertTrue(file.name(), cursor.hasRead(file));
            if (file.modifiedMillis() > start) {
                assertFalse("a late one at " + file.modifiedMillis(), cursor.hasRead(file("late.csv",
                        file.modifiedMillis(), 1)));
            }
        }
    }

    @Test
    public void aStoppedReadKeepsTheFileItStoppedInUnread() throws Exception {
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            files.add(file(String.format("customers-2024-05-01-%05d.csv", i), T0 + i * 1000L, 100));
        }
        DataFile stoppedIn = files.get(2000);

        FileCursor cursor = FileCursor.parse(
                FileCursor.NONE.next(files.subList(0, 2000), DAY, NOW, stoppedIn).orElseThrow());

        assertTrue(cursor.hasRead(files.get(1999)));
        for (DataFile file : files.subList(2000, 3000)) {
            assertFalse(file.name(), cursor.hasRead(file));
        }
    }

    @Test
    public void aStoppedReadThatCannotBeRememberedGivesNoCursor() {
        // thousands of files in the same second: remembering those read would mean passing the one stopped in
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            files.add(file(String.format("customers-2024-05-01-%05d.csv", i), T0, 100));
        }

        assertEquals(Optional.empty(), FileCursor.NONE.next(files.subList(0, 2000), DAY, NOW, files.get(2000)));
    }

    private static DataFile file(String name, long modifiedMillis, long size) {
        return new DataFile(new FilePosition(modifiedMillis, name), size);
    }
}
