package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A page of records on its way from the connector's thread to the labelling one, with each record's key, key hash
 * and value hash. Either thread works the hashes out, a chunk of records at a time: the labelling thread does what is
 * left when it takes the page, and the connector's thread, when it would otherwise wait for the labelling one (the
 * hand-over queue is full), does chunks of the pages waiting there. So the two threads share the work whichever side
 * is slower: a JDBC read is faster than labelling, a CSV read slower.
 */
final class HashedPage {

    private static final int CHUNK = 64;

    final List<DataRecord> records;
    final String[] keys;
    /** Null for a record whose key is too long (it is rejected when labelled). */
    final byte[][] keyBytes;
    final long[] keyHashes;
    final long[] valueHashes;
    private final Function<DataRecord, String> keyOf;
    private final int maxKey;
    private final AtomicInteger claimed = new AtomicInteger();
    /** Records whose chunk is over, hashed or failed. */
    private final AtomicInteger hashed = new AtomicInteger();
    /** Chunks a thread failed on (the connector's thread, helping): the labelling thread hashes them again. */
    private final Queue<Integer> failed = new ConcurrentLinkedQueue<>();

    HashedPage(List<DataRecord> records, Function<DataRecord, String> keyOf, int maxKey) {
        this.records = records;
        this.keyOf = keyOf;
        this.maxKey = maxKey;
        int n = records.size();
        keys = new String[n];
        keyBytes = new byte[n][];
        keyHashes = new long[n];
        valueHashes = new long[n];
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
        DataRecord r = records.get(i);
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
