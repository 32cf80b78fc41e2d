package dev.ferry.engine.data;

import org.junit.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Change detection and the stored form of the workspace cache (segments and journal), without a database. */
public class CacheIndexTest {

    private final Bytes journal = new Bytes(1024);

    @Test
    public void labelsRecordsInsertedUpdatedUnchangedAndFindsWhatAFullReadDidNotSee() {
        CacheIndex first = CacheIndex.empty();
        assertEquals(CacheIndex.Outcome.INSERTED, put(first, "1", "Ann"));
        assertEquals(CacheIndex.Outcome.INSERTED, put(first, "2", "Bob"));
        Stored stored = store(first, null);

        CacheIndex second = stored.open();
        assertEquals(CacheIndex.Outcome.UNCHANGED, put(second, "1", "Ann"));
        assertEquals(CacheIndex.Outcome.UPDATED, put(second, "2", "Bobby"));
        assertEquals(CacheIndex.Outcome.INSERTED, put(second, "3", "Cy"));
        assertEquals(List.of(), keys(second.unseen(new long[]{0}, 10)));
        stored = store(second, stored);

        // a full read that sees only 2: 1 and 3 are gone from the source
        CacheIndex third = stored.open();
        assertEquals(CacheIndex.Outcome.UNCHANGED, put(third, "2", "Bobby"));
        List<CacheIndex.Unseen> gone = third.unseen(new long[]{0}, 10);
        assertEquals(List.of("1", "3"), sorted(keys(gone)));
        gone.forEach(u -> third.remove(u.keyHash(), u.key(), journal));
        stored = store(third, stored);
        assertEquals(1, stored.open().size());
        assertEquals(CacheIndex.Outcome.INSERTED, put(stored.open(), "1", "Ann"));
    }

    /**
     * A record known by its fingerprint: the same one is unchanged (seen, so not deleted); another one changes
     * nothing until the record's values say whether it changed; the first read with fingerprints replaces the stored
     * value hash with the fingerprint, and from then on the fingerprint alone finds the record unchanged.
     */
    @Test
    public void aFingerprintFindsARecordUnchangedAndOnlyAMatchMarksItSeen() {
        CacheIndex first = CacheIndex.empty();
        put(first, "1", "Ann");
        put(first, "2", "Bob");
        Stored stored = store(first, null);

        CacheIndex second = stored.open();
        long fingerprint = 0x1234_5678_9abcL;
        journal.reset();
        assertEquals("a value hash of another kind is not a match", CacheIndex.Looked.OTHER, second.look(keyHash("1"), fingerprint));
        assertEquals("and changes nothing", 0, journal.size());
        assertEquals(List.of("1", "2"), sorted(keys(second.unseen(new long[]{0}, 10))));
        // its values are the stored ones: the fingerprint takes their hash's place, as an unchanged record
        assertEquals(CacheIndex.Looked.SAME, second.look(keyHash("1"), valueHash("1", "Ann")));
        assertEquals(CacheIndex.Outcome.UPDATED, second.put(keyHash("1"), fingerprint, "1", journal));
        assertEquals("this run's change counts too", CacheIndex.Looked.SAME, second.look(keyHash("1"), fingerprint));
        assertEquals(CacheIndex.Looked.NONE, second.look(keyHash("3"), fingerprint));
        stored = store(second, stored);

        CacheIndex third = stored.open();
        assertEquals(CacheIndex.Looked.SAME, third.look(keyHash("1"), fingerprint));
        assertEquals("only 2 was not seen", List.of("2"), keys(third.unseen(new long[]{0}, 10)));
        assertEquals(0, journal.size());
    }

    private static long keyHash(String key) {
        return CacheIndex.keyHash(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long valueHash(String key, String value) {
        Bytes canonical = new Bytes(64);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", key);
        values.put("name", value);
        RecordCodec.writeValues(canonical, values);
        return CacheIndex.valueHash(canonical);
    }

    @Test
    public void aRunThatDidNotFoldItsJournalIsReplayedAndItsRecordsCountAsUnseenUntilReadAgain() {
        CacheIndex run = CacheIndex.empty();
        put(run, "1", "Ann");
        put(run, "2", "Bob");
        byte[] page = journalPage(2);
        // the run died before it compacted: the store has only its journal page
        CacheIndex next = CacheIndex.load(0, Map.of(), List.of(page));
        assertEquals(2, next.size());
        assertEquals(CacheIndex.Outcome.UNCHANGED, put(next, "1", "Ann"));
        assertEquals(List.of("2"), keys(next.unseen(new long[]{0}, 10)));
    }

    @Test
    public void aGrowingCacheIsSplitIntoMoreSegmentsAndKeepsEveryRecord() {
        CacheIndex index = CacheIndex.empty();
        int n = CacheIndex.MAX_PER_SEGMENT * 3;
        for (int i = 0; i < n; i++) {
            put(index, "k" + i, "v" + i);
        }
        journal.reset();
        Stored stored = store(index, null);
        assertTrue("split into " + stored.segments.size(), stored.segments.size() >= 4);
        CacheIndex reloaded = stored.open();
        assertEquals(n, reloaded.size());
        for (int i = 0; i < n; i += 7) {
            assertEquals(CacheIndex.Outcome.UNCHANGED, put(reloaded, "k" + i, "v" + i));
        }
        // one change rewrites one segment only
        put(reloaded, "k5", "changed");
        assertEquals(1, reloaded.compact().segments().size());
    }

    @Test
    public void aLargeCacheFindsEachOfItsRecordsAfterItIsStoredAndLoaded() {
        CacheIndex first = CacheIndex.empty();
        int n = 60_000; // several segments deep
        for (int i = 0; i < n; i++) {
            put(first, "k" + i, "v" + i);
        }
        Stored stored = store(first, null);
        assertTrue("segmented: " + stored.bits(), stored.bits() >= 3);
        CacheIndex second = stored.open();
        for (int i = 0; i < n; i++) {
            assertEquals("k" + i, CacheIndex.Outcome.UNCHANGED, put(second, "k" + i, "v" + i));
        }
        for (int i = n; i < n + 1000; i++) {
            assertEquals("k" + i, CacheIndex.Outcome.INSERTED, put(second, "k" + i, "v" + i));
        }
        assertEquals(List.of(), keys(second.unseen(new long[]{0}, 10)));
    }

    @Test
    public void aSegmentFindsHashesAtTheEndsOfItsRangeAndNotWhatItLacks() {
        long[] hashes = {0L, 1L, 2L, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, -2L, -1L};
        int[] offsets = new int[hashes.length + 1];
        CacheIndex.Segment seg = CacheIndex.Segment.of(hashes, new long[hashes.length], new byte[0], offsets, 0);
        for (int i = 0; i < hashes.length; i++) {
            assertEquals(i, seg.find(hashes[i]));
        }
        assertEquals(-1, seg.find(3L));
        assertEquals(-1, seg.find(-3L));
        assertEquals(-1, seg.find(0x7FFF_FFFF_FFFF_FFFEL));
    }

    /** Two records with different keys have different values (the key is among them), so different value hashes. */
    @Test(expected = CacheIndex.KeyCollisionException.class)
    public void twoKeysWithOneHashAreRefused() {
        CacheIndex index = CacheIndex.empty();
        index.put(42L, 1L, "a", journal);
        index.put(42L, 2L, "b", journal);
    }

    @Test(expected = CacheIndex.KeyCollisionException.class)
    public void twoKeysWithOneHashAreRefusedOnceStoredToo() {
        CacheIndex index = CacheIndex.empty();
        index.put(42L, 1L, "a", journal);
        CacheIndex.Compacted stored = index.compact();
        CacheIndex reloaded = CacheIndex.load(stored.bits(), stored.segments(), List.of());
        reloaded.put(42L, 2L, "b", journal);
    }

    private CacheIndex.Outcome put(CacheIndex index, String key, String value) {
        Bytes canonical = new Bytes(64);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", key);
        values.put("name", value);
        RecordCodec.writeValues(canonical, values);
        return index.put(CacheIndex.keyHash(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), CacheIndex.valueHash(canonical), key, journal);
    }

    private byte[] journalPage(int entries) {
        Bytes out = new Bytes(journal.size() + 5);
        out.putVarint(entries);
        out.put(journal.array(), 0, journal.size());
        journal.reset();
        return out.toArray();
    }

    /** What the store would hold after compactions: segment number → data. */
    private record Stored(int bits, Map<Integer, byte[]> segments) {
        CacheIndex open() {
            return CacheIndex.load(bits, segments, List.of());
        }
    }

    private Stored store(CacheIndex index, Stored before) {
        journal.reset();
        CacheIndex.Compacted c = index.compact();
        Map<Integer, byte[]> segments = new LinkedHashMap<>(before == null || c.replaceAll() ? Map.of() : before.segments);
        c.segments().forEach((n, data) -> {
            if (c.entries().get(n) == 0) {
                segments.remove(n);
            } else {
                segments.put(n, data);
            }
        });
        return new Stored(c.bits(), segments);
    }

    private static List<String> keys(List<CacheIndex.Unseen> unseen) {
        List<String> keys = new ArrayList<>();
        unseen.forEach(u -> keys.add(u.key()));
        return keys;
    }

    private static List<String> sorted(List<String> keys) {
        List<String> s = new ArrayList<>(keys);
        s.sort(null);
        return s;
    }
}
