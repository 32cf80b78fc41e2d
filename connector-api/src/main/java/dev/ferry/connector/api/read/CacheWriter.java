package dev.ferry.connector.api.read;

import dev.ferry.connector.api.ConnectorException;

import java.util.Optional;

/** The cache-writer side of a module: reads records of a data object and emits them to the platform. */
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
