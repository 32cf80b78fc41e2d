package dev.ferry.connector.file;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files of a data object in arrival order (modification time, then name). The cursor ({@link FileCursor})
 * remembers which files were read completely, so an incremental read returns every file not read before, and those
 * written again: a file arriving late with an older modification time than files already read is read too, as long
 * as it is within the object's look-back of the newest file read.
 */
final class FileCacheWriter implements CacheWriter {

    private final FileFormat format;

    FileCacheWriter(FileFormat format) {
        this.format = format;
    }

    /** How reading one file ended. */
    private enum Outcome {
        /** Every row was emitted or rejected (a malformed file is rejected from where it breaks). */
        READ,
        /** Moved away after listing: it is no longer part of the object, nor counts as read should it come back. */
        GONE,
        /** The platform asked to stop inside it. */
        STOPPED
    }

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        FileObjectOptions options = FileObjectOptions.of(object, format.extension());
        if (options.afterRead() != FileObjectOptions.AfterRead.KEEP && context.mode() == ReadMode.FULL) {
            throw new ConnectorException("full_read", "files that are " + (options.afterRead()
                    == FileObjectOptions.AfterRead.MOVE ? "moved" : "deleted") + " once read can only be read"
                    + " incrementally: a full read would take the records of the files gone for deleted; set the"
                    + " service's mode to incremental, or the object's afterRead to keep", false);
        }
        Optional<String> given = context.mode() == ReadMode.INCREMENTAL ? context.cursor() : Optional.empty();
        FileCursor previous = given.isPresent() ? FileCursor.parse(given.get()) : FileCursor.NONE;
        List<DataFile> taken = new ArrayList<>();
        DataFile stoppedIn = null;
        try (FileStore store = FileStore.of(context.connection())) {
            for (DataFile file : store.list(options.fileNames())) {
                if (previous.hasRead(file)) {
                    taken.add(file);
                    continue;
                }
                if (stoppedIn != null) {
                    continue;
                }
                Outcome outcome = readFile(store, file, context);
                if (outcome == Outcome.READ) {
                    taken.add(file);
                    if (options.afterRead() != FileObjectOptions.AfterRead.KEEP) {
                        context.checkpoint(null, afterStored(context.connection(), file, options));
                    }
                } else if (outcome == Outcome.STOPPED) {
                    // stopped inside this file: resume at its start next time rather than skip its remaining rows;
                    // the files read before it still go into the cursor
                    stoppedIn = file;
                }
            }
        }
        Optional<String> next = previous.next(taken, options.lookBackMillis(), System.currentTimeMillis(), stoppedIn);
        // no cursor to give: keep the one this read started from, so the next read takes these files again
        return next.isPresent() ? next : given;
    }

    /**
     * Moves or deletes a file once the platform has stored its records: on a connection of its own, since the read's
     * may be closed by then. A failure leaves the file where it is (the cursor knows it was read) and is logged by the
     * platform.
     */
    private static Runnable afterStored(dev.ferry.connector.api.Config connection, DataFile file,
                                        FileObjectOptions options) {
        return () -> {
            try (FileStore store = FileStore.of(connection)) {
                if (options.afterRead() == FileObjectOptions.AfterRead.MOVE) {
                    store.move(file.name(), options.moveTo());
                } else {
                    store.delete(file.name());
                }
            } catch (IOException e) {
                throw new IllegalStateException((options.afterRead() == FileObjectOptions.AfterRead.MOVE
                        ? "moving " + file.name() + " into " + options.moveTo() : "deleting " + file.name())
                        + " after its records were stored failed: " + e.getMessage(), e);
            }
        };
    }

    /** Broken rows read past in one file; each costs a read of the file up to it, so past these the rest is skipped. */
    static final int MOST_BROKEN_ROWS = 100;

    /**
     * Emits the rows of one file. A broken row (a quote never closed) is rejected and reading goes on at the line
     * after the one it began on, so one stray quote costs one row, not the rest of the file.
     */
    private Outcome readFile(FileStore store, DataFile file, ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        long offset = 0; // physical lines before the part being read: the lines a broken row began after
        int broken = 0;
        RowReader rows = null;
        try {
            rows = format.open(reader(store, file, 0), object);
            while (true) {
                Row row;
                try {
                    row = rows.next();
                } catch (MalformedFileException e) {
                    long at = offset + e.line();
                    if (++broken > MOST_BROKEN_ROWS) {
                        context.reject(file.name() + " line " + at, e.getMessage() + "; the rest of the file is skipped,"
                                + " after " + MOST_BROKEN_ROWS + " broken rows");
                        return Outcome.READ;
                    }
                    RowReader resumed = e.rowOnly() ? format.resume(reader(store, file, at), object, rows) : null;
                    if (resumed == null) {
                        context.reject(file.name() + " line " + at, e.getMessage() + "; the rest of the file is skipped");
                        return Outcome.READ;
                    }
                    context.reject(file.name() + " line " + at, e.getMessage() + "; reading goes on at line " + (at + 1));
                    rows.close();
                    rows = resumed;
                    offset = at;
                    continue;
                }
                if (row == null) {
                    return Outcome.READ;
                }
                String location = file.name() + " line " + (offset + row.line());
                if (row.problem() != null) {
                    context.reject(location, row.problem());
                    continue;
                }
                DataRecord record;
                try {
                    record = object.toRecord(row.values());
                } catch (IllegalArgumentException e) {
                    context.reject(location, e.getMessage());
                    continue;
                }
                if (!context.emit(record)) {
                    return Outcome.STOPPED;
                }
            }
        } catch (MalformedFileException e) {
            context.reject(file.name() + " line " + (offset + e.line()), e.getMessage() + "; the rest of the file is skipped");
        } catch (NoSuchFileException e) {
            return Outcome.GONE;
        } catch (IOException e) {
            throw new ConnectorException("read_failed", "reading " + store.describe(file.name()) + " failed: " + e, true, e);
        } finally {
            if (rows != null) {
                try {
                    rows.close();
                } catch (IOException e) {
                    // the file was read
                }
            }
        }
        return Outcome.READ;
    }

    /** The file's text from a physical line on (after {@code skip} lines). */
    private static Reader reader(FileStore store, DataFile file, long skip) throws IOException {
        BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(store.open(file.name()),
                StandardCharsets.UTF_8));
        for (long i = 0; i < skip; i++) {
            if (reader.readLine() == null) {
                break;
            }
        }
        return reader;
    }
}
