package dev.ferry.connector.file;

import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;

public class IncrementalReadTest {

    private static final long T0 = 1_700_000_000_000L;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path dir;
    private final FileConnector connector = new FileConnector();

    @Before
    public void setUp() throws IOException {
        dir = temp.newFolder("in").toPath();
    }

    @Test
    public void readsOnlyFilesThatArrivedAfterTheCursor() throws Exception {
        drop("customers-1.csv", T0, 1);
        drop("customers-2.csv", T0 + 1000, 2);
        drop("other.csv", T0 + 1000, 99);
        drop(".customers-3.csv.tmp", T0 + 1000, 98);

        RecordingReadContext first = read(ReadMode.INCREMENTAL, null);
        assertEquals(List.of(1L, 2L), ids(first));
        String cursor = first.cursorReturned.orElseThrow();
        assertEquals((T0 + 1000) + "|customers-2.csv", cursor);

        RecordingReadContext nothingNew = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(), ids(nothingNew));
        assertEquals(Optional.of(cursor), nothingNew.cursorReturned);

        drop("customers-0.csv", T0 + 1000, 3); // same time, name sorts before the cursor's: already behind it
        drop("customers-4.csv", T0 + 1000, 4); // same time, later name
        drop("customers-5.csv", T0 + 5000, 5);
        RecordingReadContext next = read(ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(4L, 5L), ids(next));
        assertEquals(Optional.of((T0 + 5000) + "|customers-5.csv"), next.cursorReturned);
    }

    @Test
    public void fullReadIgnoresTheCursorAndOrdersByArrival() throws Exception {
        drop("customers-b.csv", T0, 1);
        drop("customers-a.csv", T0 + 10, 2);

        RecordingReadContext full = read(ReadMode.FULL, T0 + "|customers-b.csv");

        assertEquals(List.of(1L, 2L), ids(full));
    }

    private void drop(String name, long modifiedMillis, long id) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(Customers.CSV_HEADER, Customers.csvRow(id)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    private RecordingReadContext read(ReadMode mode, String cursor) throws Exception {
        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(), mode, cursor);
        context.cursorReturned = connector.cacheWriter("csv").read(context);
        return context;
    }

    private static List<Object> ids(RecordingReadContext context) {
        return context.emitted.stream().map(r -> r.get("id")).toList();
    }
}
