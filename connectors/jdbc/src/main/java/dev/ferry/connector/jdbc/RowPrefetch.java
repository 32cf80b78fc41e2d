package dev.ferry.connector.jdbc;

import org.postgresql.copy.CopyOut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The rows of a read, taken from the driver on a thread of their own a few chunks ahead of the caller. A driver fetches a
 * streamed result set a batch at a time and asks for the next batch only when the caller has used up the last one,
 * so without this the database waits while Ferry works on a batch and Ferry waits while the database makes the next
 * one; reading ahead lets the two overlap (a full read of a PostgreSQL table with Ferry's work on each row takes
 * about half the time). A PostgreSQL {@code COPY} streams without batches: there the thread only takes each row's
 * message off the connection, so the server never waits for Ferry to convert the one before.
 *
 * <p>The source is used only by the reading thread until {@link #close()} returns, which stops that thread and
 * waits for it; the caller closes the result set (or cancels the copy), statement and connection after that. At most
 * {@value #AHEAD} chunks of {@value #CHUNK} rows wait for the caller, so memory stays bounded whatever the table's size.
 *
 * @param <T> a row: its column values ({@code Object[]}), or its {@code COPY} message ({@code byte[]})
 */
final class RowPrefetch<T> implements AutoCloseable {

    static final int CHUNK = 256;
    static final int AHEAD = 8;
    private static final List<Object> END = List.of();

    /** Where the rows come from: the next one, or null after the last. */
    @FunctionalInterface
    interface Source<T> {
        T next() throws SQLException;
    }

    /** A failure of the reading thread, handed to the caller in the rows' place. */
    private record Failure(Throwable error) {
    }

    private final Source<T> source;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean stopped;
    private List<T> chunk = List.of();
    private int next;
    private boolean ended;

    private RowPrefetch(Source<T> source, String threadName) {
        this.source = source;
        this.thread = new Thread(this::readAll, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads {@code rows} with one reader a column (in order) on a thread named {@code threadName}. */
    static RowPrefetch<Object[]> of(ResultSet rows, JdbcValues.ColumnReader[] readers, String threadName) {
        return new RowPrefetch<>(() -> rows.next() ? readRow(rows, readers) : null, threadName);
    }

    /** Takes a {@code COPY … TO STDOUT}'s messages (a row each, the first after the header) on a thread named so. */
    static RowPrefetch<byte[]> of(CopyOut copy, String threadName) {
        return new RowPrefetch<>(copy::readFromCopy, threadName);
    }

    /** The current row's column values: a method of its own, so the JIT compiles it once for every later read. */
    private static Object[] readRow(ResultSet rows, JdbcValues.ColumnReader[] readers) throws SQLException {
        Object[] raw = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            raw[i] = readers[i].read(rows, i + 1);
        }
        return raw;
    }

    /**
     * The next row, or null when there are no more rows.
     *
     * @throws SQLException the database's failure to give a row or a column, as the reading thread met it
     * @throws InterruptedException when the calling thread is interrupted while waiting for rows
     */
    T next() throws SQLException, InterruptedException {
        while (next == chunk.size()) {
            if (ended) {
                return null;
            }
            Object item = queue.take();
            if (item instanceof Failure failure) {
                ended = true;
                if (failure.error() instanceof SQLException e) {
                    throw e;
                }
                if (failure.error() instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) failure.error();
            }
            if (item == END) {
                ended = true;
                return null;
            }
            @SuppressWarnings("unchecked")
            List<T> rowsOfChunk = (List<T>) item;
            chunk = rowsOfChunk;
            next = 0;
        }
        return chunk.get(next++);
    }

    /** Stops the reading thread, if still reading, and waits until it no longer uses the source. */
    @Override
    public void close() {
        stopped = true;
        queue.clear(); // makes room, so a thread waiting to hand over a chunk sees the stop at once
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the source must not be closed under the reading thread
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        List<T> filling = new ArrayList<>(CHUNK);
        try {
            T row;
            while (!stopped && (row = source.next()) != null) {
                filling.add(row);
                if (filling.size() == CHUNK) {
                    hand(filling);
                    filling = new ArrayList<>(CHUNK);
                }
            }
            if (!filling.isEmpty()) {
                hand(filling);
            }
            hand(END);
        } catch (SQLException | RuntimeException | Error e) {
            if (!filling.isEmpty()) {
                hand(filling); // the rows read in full before the failure come first
            }
            hand(new Failure(e));
        }
    }

    /** Queues an item for the caller, waiting for room, unless the caller has stopped reading. */
    private void hand(Object item) {
        try {
            while (!stopped && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // waits for the caller to take a chunk, or to stop
            }
        } catch (InterruptedException e) {
            stopped = true; // nobody interrupts this thread but a shutdown: stop reading
        }
    }
}
