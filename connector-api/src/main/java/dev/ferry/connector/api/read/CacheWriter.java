package dev.ferry.connector.api.read;

import dev.ferry.connector.api.ConnectorException;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.Optional;

/**
 * The cache-writer side of a module: reads records of a data object and emits them to the platform.
 *
 * <h2>The cursor contract</h2>
 * A cursor is the module's own text (a timestamp, an offset, a file name and position, an API's page token): the
 * platform stores it and hands it back, and never reads it.
 * <ul>
 *   <li><b>No cursor</b> ({@link ReadContext#cursor()} empty) means "from the beginning": the first incremental read
 *       of a registration, a read after its cache was reset, and every {@link ReadMode#FULL} read. Such a read
 *       emits every record.</li>
 *   <li><b>A cursor</b> means "what changed since the read that returned it". A record changed after that read must
 *       come again; a record emitted again unchanged costs nothing (the platform's cache finds it unchanged), so when
 *       in doubt, re-read (for example the records at exactly the cursor's timestamp).</li>
 *   <li>{@code read} <b>returns</b> the cursor for next time, or empty when the module has none (then every read is
 *       a full one). Returning the same cursor it was given is fine: nothing new was seen. The platform stores it
 *       only after every record the read emitted was taken, so a read that fails or is stopped is read again from
 *       the old cursor, or from its last {@link ReadContext#checkpoint checkpoint}.</li>
 *   <li>A newer version of a connector reads the cursors its older versions returned (registrations move to it
 *       with their cursors kept); a cursor it cannot read is a non-retriable {@link ConnectorException} with code
 *       {@code invalid_cursor}, never a silent read from the beginning.</li>
 * </ul>
 */
@ConsumerType
public interface CacheWriter {

    /** The longest cursor the platform stores, in characters. */
    int MAX_CURSOR_LENGTH = 16_000;

    /**
     * Reads the data object: everything in {@link ReadMode#FULL} mode, or what is new after
     * {@link ReadContext#cursor()} in {@link ReadMode#INCREMENTAL} mode.
     *
     * @return the cursor to resume from next time (e.g. the highest {@code updated_at} seen), or empty when the
     *         module has none; at most {@link #MAX_CURSOR_LENGTH} characters. The platform stores it only after the
     *         read's records were taken in
     * @throws ConnectorException when the source as a whole cannot be read; records already emitted stay taken
     */
    Optional<String> read(ReadContext context) throws ConnectorException;
}
