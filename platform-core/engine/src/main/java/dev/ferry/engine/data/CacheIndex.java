package dev.ferry.engine.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's workspace cache in memory while a run uses it: for each record its key, a hash of its key and a
 * hash of its values — about 30 bytes a record, not its values. The stored image (segments sorted by key hash)
 * is the base; what the run (or an earlier run's unfolded journal) changed is an overlay on it, folded into new
 * segments by {@link #compact()}. Segments are numbered by the top {@code bits} of the key hash, so a segment
 * holds about {@value #TARGET_PER_SEGMENT} records and a small change rewrites one segment, not the cache.
 */
final class CacheIndex {

    static final int TARGET_PER_SEGMENT = 2048;
    static final int MAX_PER_SEGMENT = 8192;
    private static final long KEY_SEED = 0x5EEDF0E7L;
    private static final long VALUE_SEED = 0xFE77AL;

    /** What writing a record did. */
    enum Outcome { INSERTED, UPDATED, UNCHANGED }

    /** A record the run did not see, found after a full read. */
    record Unseen(long keyHash, String key) {
    }

    /**
     * A stored segment, decoded: its records sorted by unsigned key hash, each record's key hash and value hash side
     * by side (one cache line holds both: a re-sync's lookup of an unchanged record reads memory once, not twice).
     */
    static final class Segment {
        /** Key hash of record i at 2i, its value hash at 2i + 1. */
        private final long[] hashes;
        private final int n;
        final byte[] keys;
        final int[] keyOffsets;
        /** One bit a record: whether this run saw it. */
        final long[] seen;
        /** The key-hash bits every record of this segment shares (its number), shifted off before interpolating. */
        private final int shift;

        private Segment(long[] hashes, byte[] keys, int[] keyOffsets, int bits) {
            this.shift = bits;
            this.hashes = hashes;
            this.n = hashes.length / 2;
            this.keys = keys;
            this.keyOffsets = keyOffsets;
            this.seen = new long[(n + 63) >>> 6];
        }

        /** A segment of records with these key hashes (sorted, unsigned) and value hashes. */
        static Segment of(long[] keyHashes, long[] valueHashes, byte[] keys, int[] keyOffsets, int bits) {
            long[] hashes = new long[2 * keyHashes.length];
            for (int i = 0; i < keyHashes.length; i++) {
                hashes[2 * i] = keyHashes[i];
                hashes[2 * i + 1] = valueHashes[i];
            }
            return new Segment(hashes, keys, keyOffsets, bits);
        }

        int size() {
            return n;
        }

        long keyHash(int i) {
            return hashes[2 * i];
        }

        long valueHash(int i) {
            return hashes[2 * i + 1];
        }

        boolean seen(int i) {
            return (seen[i >>> 6] & (1L << i)) != 0;
        }

        void markSeen(int i) {
            seen[i >>> 6] |= 1L << i;
        }

        /**
         * The position of a key hash, or -1. Key hashes are uniform, so the search starts where the hash's share
         * of the segment's range says and widens from there: a lookup reads one or two cache lines of a segment
         * rather than the dozen a binary search from the middle reads, which is most of a re-sync's cost.
         */
        int find(long keyHash) {
            if (n == 0) {
                return -1;
            }
            long fraction = keyHash << shift; // the position within the segment's range, out of 2^64
            int guess = (int) Math.min(n - 1, Math.multiplyHigh(fraction >>> 1, n) << 1);
            int lo;
            int hi;
            int c = Long.compareUnsigned(hashes[2 * guess], keyHash);
            if (c == 0) {
                return guess;
            }
            if (c < 0) {
                int step = 1;
                lo = guess + 1;
                hi = guess + step;
                while (hi < n && Long.compareUnsigned(hashes[2 * hi], keyHash) < 0) {
                    lo = hi + 1;
                    step <<= 1;
                    hi = guess + step;
                }
                hi = Math.min(hi, n - 1);
            } else {
                int step = 1;
                hi = guess - 1;
                lo = guess - step;
                while (lo > 0 && Long.compareUnsigned(hashes[2 * lo], keyHash) > 0) {
                    hi = lo - 1;
                    step <<= 1;
                    lo = guess - step;
                }
                lo = Math.max(lo, 0);
            }
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int cmp = Long.compareUnsigned(hashes[2 * mid], keyHash);
                if (cmp < 0) {
                    lo = mid + 1;
                } else if (cmp > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        boolean keyEquals(int i, byte[] key) {
            return java.util.Arrays.equals(keys, keyOffsets[i], keyOffsets[i + 1], key, 0, key.length);
        }

        String key(int i) {
            return new String(keys, keyOffsets[i], keyOffsets[i + 1] - keyOffsets[i], StandardCharsets.UTF_8);
        }

        /** A segment as stored, of an index numbering segments by the top {@code bits} of the key hash. */
        static Segment decode(byte[] data, int bits) {
            Bytes.Reader in = new Bytes.Reader(data);
            int n = (int) in.getVarint();
            long[] hashes = new long[2 * n];
            for (int i = 0; i < n; i++) {
                hashes[2 * i] = in.getLong();
            }
            for (int i = 0; i < n; i++) {
                hashes[2 * i + 1] = in.getLong();
            }
            int[] offsets = new int[n + 1];
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = (int) in.getVarint();
            }
            int pos = in.position();
            for (int i = 0; i < n; i++) {
                offsets[i] = pos;
                pos += lengths[i];
            }
            offsets[n] = pos;
            return new Segment(hashes, data, offsets, bits);
        }
    }

    private static final Segment EMPTY = new Segment(new long[0], new byte[0], new int[]{0}, 0);

    private int bits;
    private Segment[] base;

    // the overlay: records changed since the base was written
    private final LongIntMap overlayAt = new LongIntMap();
    private long[] oKeyHash = new long[64];
    private long[] oValueHash = new long[64];
    private boolean[] oRemoved = new boolean[64];
    private boolean[] oSeen = new boolean[64];
    private int[] oKeyOffset = new int[65];
    private final Bytes oKeys = new Bytes(1024);
    private int overlaySize;
    private final BitSet dirty = new BitSet();

    private CacheIndex(int bits, Segment[] base) {
        this.bits = bits;
        this.base = base;
    }

    static CacheIndex empty() {
        return new CacheIndex(0, new Segment[]{EMPTY});
    }

    /** The image as stored: segments (number → encoded data) at {@code bits}, then the journal pages in order. */
    static CacheIndex load(int bits, Map<Integer, byte[]> segments, List<byte[]> journal) {
        Segment[] base = new Segment[1 << bits];
        Arrays.fill(base, EMPTY);
        segments.forEach((n, data) -> base[n] = Segment.decode(data, bits));
        CacheIndex index = new CacheIndex(bits, base);
        journal.forEach(index::replay);
        return index;
    }

    static long keyHash(byte[] key) {
        return Hashing.hash(key, key.length, KEY_SEED);
    }

    static long valueHash(Bytes canonical) {
        return Hashing.hash(canonical.array(), canonical.size(), VALUE_SEED);
    }

    int bits() {
        return bits;
    }

    private int segmentOf(long keyHash) {
        return bits == 0 ? 0 : (int) (keyHash >>> (64 - bits));
    }

    /**
     * Writes a record the run read.
     *
     * @throws KeyCollisionException when another key of the cache has the same key hash (about 1 in 2^64)
     */
    Outcome put(long keyHash, long valueHash, String key, Bytes journal) {
        return put(keyHash, valueHash, key, key.getBytes(StandardCharsets.UTF_8), journal);
    }

    /** {@link #put(long, long, String, Bytes)} with the key's UTF-8 bytes at hand. */
    Outcome put(long keyHash, long valueHash, String key, byte[] keyBytes, Bytes journal) {
        // The value hash is taken over all field values, the key's among them: a record whose key hash and value
        // hash both match is the stored one, unchanged, without comparing its key bytes (a read of memory far
        // away, the costliest part of a re-sync). A changed value hash compares the key, so two keys that share a
        // key hash are told apart.
        int o = overlaySize == 0 ? -1 : overlayAt.get(keyHash); // a re-sync's overlay stays empty
        if (o >= 0) {
            if (!oRemoved[o] && oValueHash[o] == valueHash) {
                oSeen[o] = true;
                return Outcome.UNCHANGED;
            }
            if (!Arrays.equals(oKeys.array(), oKeyOffset[o], oKeyOffset[o + 1], keyBytes, 0, keyBytes.length)) {
                checkSameKey(keyHash, key, overlayKey(o));
            }
            oSeen[o] = true;
            if (oRemoved[o]) {
                oRemoved[o] = false;
                oValueHash[o] = valueHash;
                journal(journal, true, keyHash, valueHash, key);
                return Outcome.INSERTED;
            }
            if (oValueHash[o] == valueHash) {
                return Outcome.UNCHANGED;
            }
            oValueHash[o] = valueHash;
            journal(journal, true, keyHash, valueHash, key);
            return Outcome.UPDATED;
        }
        int s = segmentOf(keyHash);
        Segment seg = base[s];
        int i = seg.find(keyHash);
        if (i >= 0) {
            if (seg.valueHash(i) == valueHash) {
                seg.markSeen(i);
                return Outcome.UNCHANGED;
            }
            if (!seg.keyEquals(i, keyBytes)) {
                checkSameKey(keyHash, key, seg.key(i));
            }
            seg.markSeen(i);
            addOverlay(keyHash, valueHash, key, false, true);
            journal(journal, true, keyHash, valueHash, key);
            return Outcome.UPDATED;
        }
        addOverlay(keyHash, valueHash, key, false, true);
        journal(journal, true, keyHash, valueHash, key);
        return Outcome.INSERTED;
    }

    /** What the cache holds under a key hash, compared with a value hash ({@link #look}). */
    enum Looked {
        /** A record with that value hash: it is marked seen. */
        SAME,
        /** A record with another value hash. */
        OTHER,
        /** No record. */
        NONE
    }

    /**
     * What the cache holds under this key hash (this run's changes included), compared with this value hash: when it
     * is the same, the record is marked seen, as {@link #put} marks an unchanged record, and nothing else changes;
     * otherwise nothing changes at all. The key is not compared, as {@code put} does not compare it when both
     * hashes match.
     */
    Looked look(long keyHash, long valueHash) {
        int o = overlaySize == 0 ? -1 : overlayAt.get(keyHash);
        if (o >= 0) {
            if (oRemoved[o]) {
                return Looked.NONE;
            }
            if (oValueHash[o] == valueHash) {
                oSeen[o] = true;
                return Looked.SAME;
            }
            return Looked.OTHER;
        }
        Segment seg = base[segmentOf(keyHash)];
        int i = seg.find(keyHash);
        if (i < 0) {
            return Looked.NONE;
        }
        if (seg.valueHash(i) == valueHash) {
            seg.markSeen(i);
            return Looked.SAME;
        }
        return Looked.OTHER;
    }

    /** Removes a record (one the run did not see). */
    void remove(long keyHash, String key, Bytes journal) {
        int o = overlayAt.get(keyHash);
        if (o >= 0) {
            oRemoved[o] = true;
        } else {
            addOverlay(keyHash, 0, key, true, true);
        }
        journal(journal, false, keyHash, 0, key);
    }

    /** How many records the cache holds (with this run's changes). */
    long size() {
        long n = 0;
        for (Segment s : base) {
            n += s.size();
        }
        for (int o = 0; o < overlaySize; o++) {
            boolean inBase = base[segmentOf(oKeyHash[o])].find(oKeyHash[o]) >= 0;
            n += oRemoved[o] ? (inBase ? -1 : 0) : (inBase ? 0 : 1);
        }
        return n;
    }

    /**
     * Up to {@code limit} records the run did not see, starting after the position {@code from} returns in
     * {@code position[0]} (start with 0); none when all were seen.
     */
    List<Unseen> unseen(long[] position, int limit) {
        List<Unseen> found = new java.util.ArrayList<>();
        long pos = position[0];
        long baseTotal = 0;
        for (Segment s : base) {
            baseTotal += s.size();
        }
        while (found.size() < limit && pos < baseTotal + overlaySize) {
            if (pos < baseTotal) {
                int s = 0;
                long p = pos;
                while (p >= base[s].size()) {
                    p -= base[s].size();
                    s++;
                }
                Segment seg = base[s];
                for (int i = (int) p; i < seg.size() && found.size() < limit; i++, pos++) {
                    if (!seg.seen(i) && (overlaySize == 0 || overlayAt.get(seg.keyHash(i)) < 0)) {
                        found.add(new Unseen(seg.keyHash(i), seg.key(i)));
                    }
                }
            } else {
                int o = (int) (pos - baseTotal);
                if (!oSeen[o] && !oRemoved[o]) {
                    found.add(new Unseen(oKeyHash[o], overlayKey(o)));
                }
                pos++;
            }
        }
        position[0] = pos;
        return found;
    }

    boolean changed() {
        return overlaySize > 0;
    }

    /**
     * Whether the changes not yet in the segments are worth rewriting them for: more than an eighth of the cache
     * (and more than a few segments' worth). Until then they stay in the journal, which every run replays: a run
     * that changes 1 % of a large cache writes one journal page instead of rewriting most segments.
     */
    boolean worthCompacting() {
        return overlaySize > Math.max(4L * TARGET_PER_SEGMENT, size() / 8);
    }

    /**
     * The segments to store so that the base includes the overlay: only those the overlay touched, or all of them
     * when the cache outgrew its segmentation. Each value is an encoded segment (possibly of no records).
     */
    Compacted compact() {
        long total = size();
        int newBits = bits;
        while ((total >> newBits) > MAX_PER_SEGMENT || (newBits > bits && (total >> newBits) > TARGET_PER_SEGMENT)) {
            newBits++;
        }
        // the overlay in key-hash order (unsigned), as indexes
        long[] order = new long[overlaySize];
        for (int o = 0; o < overlaySize; o++) {
            order[o] = oKeyHash[o] ^ Long.MIN_VALUE;
        }
        Arrays.sort(order);
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        SegmentWriter writer = new SegmentWriter(newBits, out, counts);
        int next = 0;
        for (int s = 0; s < base.length; s++) {
            if (newBits == bits && !dirty.get(s)) {
                continue;
            }
            Segment seg = base[s];
            int i = 0;
            if (newBits == bits) {
                writer.begin(s);
            }
            // overlay entries of this segment come next in order
            while (i < seg.size() || (next < order.length && segmentOf(order[next] ^ Long.MIN_VALUE) == s)) {
                long oh = next < order.length ? order[next] ^ Long.MIN_VALUE : 0;
                boolean overlayHere = next < order.length && segmentOf(oh) == s;
                int c = !overlayHere ? -1 : i >= seg.size() ? 1 : Long.compareUnsigned(seg.keyHash(i), oh);
                if (c < 0) {
                    writer.add(seg.keyHash(i), seg.valueHash(i), seg.keys, seg.keyOffsets[i],
                            seg.keyOffsets[i + 1] - seg.keyOffsets[i]);
                    i++;
                } else {
                    int o = overlayAt.get(oh);
                    if (!oRemoved[o]) {
                        writer.add(oh, oValueHash[o], oKeys.array(), oKeyOffset[o], oKeyOffset[o + 1] - oKeyOffset[o]);
                    }
                    next++;
                    if (c == 0) {
                        i++; // the overlay replaces the base record
                    }
                }
            }
            if (newBits == bits) {
                writer.end();
            }
        }
        writer.finish();
        return new Compacted(newBits, newBits != bits, out, counts);
    }

    /** New segments: number → encoded data, and how many records each holds. */
    record Compacted(int bits, boolean replaceAll, Map<Integer, byte[]> segments, Map<Integer, Integer> entries) {
    }

    private void replay(byte[] page) {
        Bytes.Reader in = new Bytes.Reader(page);
        int n = (int) in.getVarint();
        for (int k = 0; k < n; k++) {
            boolean put = in.get() == 1;
            long kh = in.getLong();
            long vh = in.getLong();
            String key = in.getString();
            int o = overlayAt.get(kh);
            if (o < 0) {
                o = addOverlay(kh, vh, key, !put, false);
            }
            oRemoved[o] = !put;
            oValueHash[o] = vh;
        }
    }

    private static void journal(Bytes journal, boolean put, long keyHash, long valueHash, String key) {
        journal.put(put ? 1 : 2);
        journal.putLong(keyHash);
        journal.putLong(valueHash);
        journal.putString(key);
    }

    private int addOverlay(long keyHash, long valueHash, String key, boolean removed, boolean seen) {
        if (overlaySize == oKeyHash.length) {
            int n = overlaySize * 2;
            oKeyHash = Arrays.copyOf(oKeyHash, n);
            oValueHash = Arrays.copyOf(oValueHash, n);
            oRemoved = Arrays.copyOf(oRemoved, n);
            oSeen = Arrays.copyOf(oSeen, n);
            oKeyOffset = Arrays.copyOf(oKeyOffset, n + 1);
        }
        int o = overlaySize++;
        oKeyHash[o] = keyHash;
        oValueHash[o] = valueHash;
        oRemoved[o] = removed;
        oSeen[o] = seen;
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        oKeyOffset[o] = oKeys.size();
        oKeys.put(k, 0, k.length);
        oKeyOffset[o + 1] = oKeys.size();
        overlayAt.put(keyHash, o);
        dirty.set(segmentOf(keyHash));
        return o;
    }

    private String overlayKey(int o) {
        return new String(oKeys.array(), oKeyOffset[o], oKeyOffset[o + 1] - oKeyOffset[o], StandardCharsets.UTF_8);
    }

    private static void checkSameKey(long keyHash, String key, String stored) {
        if (!stored.equals(key)) {
            throw new KeyCollisionException("its key '" + key + "' has the same 64-bit hash (" + Long.toHexString(keyHash)
                    + ") as the cached key '" + stored + "'; it cannot be cached beside it");
        }
    }

    /** Two different keys with one key hash: the second record is rejected, nothing is overwritten. */
    static final class KeyCollisionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyCollisionException(String message) {
            super(message);
        }
    }

    /** Encodes records, in order, into segments of a given segmentation. */
    private static final class SegmentWriter {
        private final int bits;
        private final Map<Integer, byte[]> out;
        private final Map<Integer, Integer> counts;
        private int current = -1;
        private final Bytes hashes = new Bytes(1 << 16);
        private final Bytes values = new Bytes(1 << 15);
        private final Bytes lengths = new Bytes(1 << 12);
        private final Bytes keys = new Bytes(1 << 15);
        private int n;

        SegmentWriter(int bits, Map<Integer, byte[]> out, Map<Integer, Integer> counts) {
            this.bits = bits;
            this.out = out;
            this.counts = counts;
        }

        void begin(int segment) {
            end();
            current = segment;
        }

        void add(long keyHash, long valueHash, byte[] key, int off, int len) {
            int s = bits == 0 ? 0 : (int) (keyHash >>> (64 - bits));
            if (s != current) {
                begin(s);
            }
            hashes.putLong(keyHash);
            values.putLong(valueHash);
            lengths.putVarint(len);
            keys.put(key, off, len);
            n++;
        }

        void end() {
            if (current < 0) {
                return;
            }
            Bytes data = new Bytes(10 + hashes.size() + values.size() + lengths.size() + keys.size());
            data.putVarint(n);
            data.put(hashes.array(), 0, hashes.size());
            data.put(values.array(), 0, values.size());
            data.put(lengths.array(), 0, lengths.size());
            data.put(keys.array(), 0, keys.size());
            out.put(current, data.toArray());
            counts.put(current, n);
            hashes.reset();
            values.reset();
            lengths.reset();
            keys.reset();
            n = 0;
            current = -1;
        }

        void finish() {
            end();
        }
    }
}
