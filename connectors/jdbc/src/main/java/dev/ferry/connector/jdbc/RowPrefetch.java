package dev.ferry.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The rows of a result set, read on a thread of their own a few chunks ahead of the caller. A driver fetches a
 * streamed result set a batch at a time and asks for the next batch only when the caller has used up the last one,
 * so without this the database waits while Ferry works on a batch and Ferry waits while the database makes the next
 * one; reading ahead lets the two overlap (a full read of a PostgreSQL table with Ferry's work on each row takes
 * about half the time).
 *
 * <p>The result set is used only by the reading thread until {@link #close()} returns, which stops that thread and
 * waits for it; the caller closes the result set, statement and connection after that. At most {@value #AHEAD}
 * chunks of {@value #CHUNK} rows wait for the caller, so memory stays bounded whatever the table's size.
 */
final class RowPrefetch implements AutoCloseable {

    static final int CHUNK = 256;
    static final int AHEAD = 8;
    private static final List<Object[]> END = List.of();

    /** A failure of the reading thread, handed to the caller in the rows' place. */
    private record Failure(Throwable error) {
    }

    private final ResultSet rows;
    private final JdbcValues.ColumnReader[] readers;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean stopped;
    private List<Object[]> chunk = List.of();
    private int next;
    private boolean ended;

    /** Starts reading {@code rows} with one reader a column (in order) on a thread named {@code threadName}. */
    RowPrefetch(ResultSet rows, JdbcValues.ColumnReader[] readers, String threadName) {
        this.rows = rows;
        this.readers = readers;
        this.thread = new Thread(this::readAll, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next row's column values (a new array each time), or null when there are no more rows.
     *
     * @throws SQLException the database's failure to give a row or a column, as the reading thread met it
     * @throws InterruptedException when the calling thread is interrupted while waiting for rows
     */
    Object[] next() throws SQLException, InterruptedException {
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
            @SuppressWarnings("unchecked")
            List<Object[]> rowsOfChunk = (List<Object[]>) item;
            if (rowsOfChunk == END) {
                ended = true;
                return null;
            }
            chunk = rowsOfChunk;
            next = 0;
        }
        return chunk.get(next++);
    }

    /** Stops the reading thread, if still reading, and waits until it no longer uses the result set. */
    @Override
    public void close() {
        stopped = true;
        queue.clear(); // makes room, so a thread waiting to hand over a chunk sees the stop at once
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the result set must not be closed under the reading thread
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        List<Object[]> filling = new ArrayList<>(CHUNK);
        try {
            while (!stopped && rows.next()) {
                filling.add(readRow());
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

    /** The current row's column values: a method of its own, so the JIT compiles it once for every later read. */
    private Object[] readRow() throws SQLException {
        Object[] raw = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            raw[i] = readers[i].read(rows, i + 1);
        }
        return raw;
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
