package dev.ferry.connector.api.testkit;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connector test kit: a read context that keeps what a cache writer gives it, and can ask it to stop after a number
 * of records. Shipped as this module's test jar for connector tests.
 */
public final class RecordingReadContext implements ReadContext {

    public final List<DataRecord> emitted = new ArrayList<>();
    /** Each emitted record's fingerprint (read 1.2), or null for a record emitted without one. */
    public final List<Long> fingerprints = new ArrayList<>();
    /** Each emitted record's key as given with its fingerprint, or null for a record emitted without one. */
    public final List<List<?>> keys = new ArrayList<>();
    public final Map<String, String> rejected = new LinkedHashMap<>();
    /** The checkpoints the read made, with how many records had been emitted at each. */
    public final Map<String, Integer> checkpoints = new LinkedHashMap<>();
    /** How many times the read asked to be told that its records were stored. */
    public int storedNotices;
    /** What the read returned, for tests that keep it. */
    public Optional<String> cursorReturned = Optional.empty();
    private final Config connection;
    private final DataObject object;
    private final ReadMode mode;
    private final String cursor;
    private long stopAfter = Long.MAX_VALUE;

    public RecordingReadContext(Config connection, DataObject object, ReadMode mode, String cursor) {
        this.connection = connection;
        this.object = object;
        this.mode = mode;
        this.cursor = cursor;
    }

    public RecordingReadContext stopAfter(long records) {
        this.stopAfter = records;
        return this;
    }

    @Override
    public Config connection() {
        return connection;
    }

    @Override
    public DataObject object() {
        return object;
    }

    @Override
    public ReadMode mode() {
        return mode;
    }

    @Override
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public boolean emit(DataRecord record) {
        emitted.add(record);
        fingerprints.add(null);
        keys.add(null);
        return emitted.size() < stopAfter;
    }

    /** Builds the record at once (as a platform does for a record it has no fingerprint of) and keeps both. */
    @Override
    public boolean emit(List<?> key, long fingerprint, java.util.function.Supplier<DataRecord> record) {
        DataRecord built;
        try {
            built = record.get();
        } catch (IllegalArgumentException e) {
            reject(object.name() + " key " + key, e.getMessage());
            return true;
        }
        emitted.add(built);
        fingerprints.add(fingerprint);
        keys.add(new ArrayList<>(key));
        return emitted.size() < stopAfter;
    }

    @Override
    public void checkpoint(String cursor) {
        checkpoints.put(cursor, emitted.size());
    }

    /** The kit stores at once: a cursor is kept as a checkpoint, and {@code whenStored} runs before this returns. */
    @Override
    public void checkpoint(String cursor, Runnable whenStored) {
        if (cursor != null && mode == ReadMode.INCREMENTAL) {
            checkpoints.put(cursor, emitted.size());
        }
        storedNotices++;
        whenStored.run();
    }

    @Override
    public void reject(String location, String reason) {
        rejected.put(location, reason);
    }
}
