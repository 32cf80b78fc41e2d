package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A page of records on its way from the connector's thread to the labelling one, with each record's key, key hash
 * and value hash. Either thread works the hashes out, a chunk of records at a time: the labelling thread does what is
 * left when it takes the page, and the connector's thread, when it would otherwise wait for the labelling one (the
 * hand-over queue is full), does chunks of the pages waiting there. So the two threads share the work whichever side
 * is slower: a JDBC read is faster than labelling, a CSV read slower.
 *
 * <p>A record the connector handed over by key and fingerprint ({@link Fingerprinted}) is not built to be hashed:
 * its value hash is its fingerprint, combined with the read's shape ({@link Hashing#combine}), and the record is built
 * only when labelling needs it ({@link #record}).
 */
final class HashedPage {

    /** A record handed over by its raw key and its source form's fingerprint, built only when asked for. */
    record Fingerprinted(List<?> key, long fingerprint, Supplier<DataRecord> build) {
    }

    private static final int CHUNK = 64;

    /** Each a {@link DataRecord} or a {@link Fingerprinted}. */
    private final List<?> records;
    /** The records built from {@link Fingerprinted} ones, once asked for. */
    private final DataRecord[] built;
    /** Whether record i's value hash is its fingerprint (else the hash of its values, or nothing yet). */
    final boolean[] fingerprinted;
    /** Null for a fingerprinted record whose raw key does not make a key (it is built, and rejected, when labelled). */
    final String[] keys;
    /** Null for a record whose key is too long (it is rejected when labelled). */
    final byte[][] keyBytes;
    final long[] keyHashes;
    final long[] valueHashes;
    private final Function<DataRecord, String> keyOf;
    private final Function<List<?>, String> keyOfRaw;
    private final long shape;
    private final int maxKey;
    private final AtomicInteger claimed = new AtomicInteger();
    /** Records whose chunk is over, hashed or failed. */
    private final AtomicInteger hashed = new AtomicInteger();
    /** Chunks a thread failed on (the connector's thread, helping): the labelling thread hashes them again. */
    private final Queue<Integer> failed = new ConcurrentLinkedQueue<>();

    /**
     * @param records  {@link DataRecord}s and {@link Fingerprinted} ones
     * @param keyOfRaw a fingerprinted record's key from its raw key values, or null when they do not make one
     * @param shape    what the fingerprints are combined with: the connector and data object they were taken under
     */
    HashedPage(List<?> records, Function<DataRecord, String> keyOf, Function<List<?>, String> keyOfRaw, long shape,
               int maxKey) {
        this.records = records;
        this.keyOf = keyOf;
        this.keyOfRaw = keyOfRaw;
        this.shape = shape;
        this.maxKey = maxKey;
        int n = records.size();
        built = new DataRecord[n];
        fingerprinted = new boolean[n];
        keys = new String[n];
        keyBytes = new byte[n][];
        keyHashes = new long[n];
        valueHashes = new long[n];
    }

    /**
     * Record i: as handed over, or built now from its fingerprinted form (once; on the labelling thread).
     *
     * @throws IllegalArgumentException when the connector cannot build it (the record is rejected)
     */
    DataRecord record(int i) {
        Object item = records.get(i);
        if (item instanceof DataRecord r) {
            return r;
        }
        if (built[i] == null) {
            built[i] = java.util.Objects.requireNonNull(((Fingerprinted) item).build().get(), "the connector built no record");
        }
        return built[i];
    }

    /** The raw key of fingerprinted record i, for a rejection's location. */
    List<?> rawKey(int i) {
        return records.get(i) instanceof Fingerprinted f ? f.key() : null;
    }

    /**
     * Hashes record i as an ordinary one (its key from its values, its value hash from its values), for a
     * fingerprinted record that labelling had to build: its key did not fit, or its fingerprint was not known.
     */
    long valueHashOfBuilt(int i, Bytes buffer) {
        buffer.reset();
        RecordCodec.writeValues(buffer, record(i).values());
        return CacheIndex.valueHash(buffer);
    }

    int size() {
        return records.size();
    }

    /** Hashes chunks no other thread has claimed, with this thread's buffer, until none is left. */
    void help(Bytes buffer) {
        int n = records.size();
        int from;
        while ((from = claimed.getAndAdd(CHUNK)) < n) {
            int to = Math.min(n, from + CHUNK);
            boolean done = false;
            try {
                hashChunk(from, to, buffer);
                done = true;
            } finally {
                if (!done) {
                    failed.add(from); // the labelling thread hashes it again, and meets the failure itself
                }
                hashed.addAndGet(to - from); // counted either way: nobody waits for a chunk that will not end
            }
        }
    }

    /**
     * Hashes what is left, waits for the chunk the other thread may be on (a few microseconds, unless that thread is
     * not running: then this one gives its processor up rather than spin), and hashes again the
     * chunks it failed on, so a failure surfaces on the labelling thread, where the run handles it.
     */
    void complete(Bytes buffer) {
        help(buffer);
        for (int spins = 0; hashed.get() < records.size(); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // on two cores, spinning longer takes the processor the other thread needs to finish
            }
        }
        Integer from;
        while ((from = failed.poll()) != null) {
            hashChunk(from, Math.min(records.size(), from + CHUNK), buffer);
        }
    }

    private void hashChunk(int from, int to, Bytes buffer) {
        for (int i = from; i < to; i++) {
            hash(i, buffer);
        }
    }

    private void hash(int i, Bytes buffer) {
        Object item = records.get(i);
        if (item instanceof Fingerprinted f) {
            String key = keyOfRaw.apply(f.key());
            if (key == null) {
                return; // built when labelled, and rejected there with the reason the connector gives
            }
            keys[i] = key;
            fingerprinted[i] = true;
            if (key.length() > maxKey) {
                return;
            }
            keyBytes[i] = key.getBytes(StandardCharsets.UTF_8);
            keyHashes[i] = CacheIndex.keyHash(keyBytes[i]);
            valueHashes[i] = Hashing.combine(f.fingerprint(), shape);
            return;
        }
        DataRecord r = (DataRecord) item;
        String key = keyOf.apply(r);
        keys[i] = key;
        if (key.length() > maxKey) {
            return;
        }
        buffer.reset();
        RecordCodec.writeValues(buffer, r.values());
        keyBytes[i] = key.getBytes(StandardCharsets.UTF_8);
        keyHashes[i] = CacheIndex.keyHash(keyBytes[i]);
        valueHashes[i] = CacheIndex.valueHash(buffer);
    }
}
