package dev.ferry.connector.api.read;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import org.osgi.annotation.versioning.ProviderType;

import java.util.Optional;

/** What a read is about, and where its records go. Supplied by the platform. */
@ProviderType
public interface ReadContext {

    /** Connection settings, validated against the connector's connection spec. */
    Config connection();

    /** The data object to read, with its options. */
    DataObject object();

    ReadMode mode();

    /**
     * The session the connector opened for this step ({@link dev.ferry.connector.api.Connector#openSession}), if it
     * opens one.
     *
     * @since read 1.1
     */
    default Optional<dev.ferry.connector.api.ConnectorSession> session() {
        return Optional.empty();
    }

    /** The cursor the previous successful incremental read returned; empty on the first read or in FULL mode. */
    Optional<String> cursor();

    /**
     * Hands one record to the platform. Records are processed in batches as they arrive, so memory stays bounded;
     * the call may block while a batch is written.
     *
     * @return {@code false} when the platform needs no more records: stop reading and return
     */
    boolean emit(DataRecord record);

    /**
     * Hands one record to the platform by its key and a fingerprint of the form the source gave it in (a row's
     * column bytes as the database sent them, say), building the record only if the platform asks for it. When
     * the cache holds the key with the same fingerprint, the record is unchanged and {@code record} is never called;
     * otherwise (a new or changed record, the first read with fingerprints, a connector or data object that changed
     * since) the platform calls it once, on a thread of its own, and compares what it gives as {@link #emit(DataRecord)}
     * does. A re-read of a large unchanged source then costs a hash a record rather than a record's conversion.
     *
     * <p>The fingerprint must cover every byte that makes the record, the key's among them, and be the same for the
     * same source form in every read (64 bits of a good hash: {@code java.util.Arrays.hashCode} is not one).
     * {@code record} may throw {@link IllegalArgumentException}: the record is then rejected, as
     * {@link #reject} would, at {@code "<object> key <key>"} with the exception's message.
     *
     * @param key         the record's primary-key values in {@link DataObject#primaryKey()} order, raw as
     *                    {@link DataObject#toRecord(java.util.List)} takes them
     * @param fingerprint the source form's hash
     * @param record      builds the record; called at most once, possibly after later records were emitted
     * @return {@code false} when the platform needs no more records: stop reading and return
     * @since read 1.2
     */
    default boolean emit(java.util.List<?> key, long fingerprint, java.util.function.Supplier<DataRecord> record) {
        DataRecord built;
        try {
            built = record.get();
        } catch (IllegalArgumentException e) {
            reject(object().name() + " key " + key, e.getMessage());
            return true;
        }
        return emit(built);
    }

    /**
     * Reports a record that could not be read (malformed line, wrong type); the read goes on with the next one.
     *
     * @param location where, in the source's terms (e.g. {@code customers-2.csv line 17})
     * @param reason   why, in a user's words
     */
    void reject(String location, String reason);

    /**
     * Says that every record emitted so far may be taken as read, and that a read which does not finish (the
     * platform stopped, the connection broke) should resume from {@code cursor} rather than from the previous
     * cursor. The platform stores the records emitted before the call and the cursor together; it keeps
     * checkpoints of {@link ReadMode#INCREMENTAL} reads only (a full read must see everything to find deletions).
     * Call it now and then (e.g. every few thousand records), with a cursor from which resuming re-reads nothing
     * that was not emitted; records read again are found unchanged. Since 1.1.
     *
     * @param cursor at most {@link CacheWriter#MAX_CURSOR_LENGTH} characters
     */
    default void checkpoint(String cursor) {
    }

    /**
     * Asks to be told when the records emitted so far are stored: {@code whenStored} runs once the platform has
     * committed every record emitted before this call to its cache. For a source that must hear when its records are
     * safe before it lets them go: a queue acknowledges its messages then, a folder moves its files away. It runs on
     * a thread of the platform's, possibly after {@link CacheWriter#read} returned; it must be quick and must not
     * emit. It is not run when the run fails before the records are stored: they are read again next time, so a
     * source that waits for it loses nothing.
     *
     * <p>In {@link ReadMode#INCREMENTAL} reads, a {@code cursor} is a checkpoint as {@link #checkpoint(String)} makes
     * one; it may be null (only the notice is asked for), and full reads keep no cursor.
     *
     * @param cursor     at most {@link CacheWriter#MAX_CURSOR_LENGTH} characters, or null
     * @param whenStored run once, when the records before this call are stored
     * @throws UnsupportedOperationException on a platform older than read 1.1, which cannot tell
     * @since read 1.1
     */
    default void checkpoint(String cursor, Runnable whenStored) {
        throw new UnsupportedOperationException("this platform does not tell a connector when its records are stored");
    }
}
