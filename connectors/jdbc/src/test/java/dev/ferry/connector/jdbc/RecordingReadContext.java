package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.Record;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read context that keeps what it is given. */
final class RecordingReadContext implements ReadContext {

    final List<Record> emitted = new ArrayList<>();
    final Map<String, String> rejected = new LinkedHashMap<>();
    /** The cursor the read returned, for tests that keep it. */
    String returnedCursor;
    private final Config connection;
    private final DataObject object;
    private final ReadMode mode;
    private final String cursor;

    RecordingReadContext(Config connection, DataObject object, ReadMode mode, String cursor) {
        this.connection = connection;
        this.object = object;
        this.mode = mode;
        this.cursor = cursor;
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
    public boolean emit(Record record) {
        emitted.add(record);
        return true;
    }

    @Override
    public void reject(String location, String reason) {
        rejected.put(location, reason);
    }
}
