package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataRecord;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

/** Two threads share the hashing of a page; a failure on the helping thread neither hangs nor loses records. */
public class HashedPageTest {

    private static List<DataRecord> records(int n) {
        List<DataRecord> records = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            records.add(DataRecord.of(Map.of("id", i, "name", "Person " + i)));
        }
        return records;
    }

    @Test(timeout = 10_000)
    public void aChunkTheHelperFailedOnIsHashedAgainByTheLabellingThread() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        Function<DataRecord, String> keyOf = r -> {
            if (r.get("id").equals(70L) && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("the connector's thread ran out of something");
            }
            return String.valueOf(r.get("id"));
        };
        HashedPage page = new HashedPage(records(200), keyOf, raw -> null, 0, 1000);
        assertThrows(IllegalStateException.class, () -> page.help(new Bytes(64)));
        page.complete(new Bytes(64));
        for (int i = 0; i < 200; i++) {
            assertEquals(String.valueOf(i + 1), page.keys[i]);
            assertNotEquals(0L, page.valueHashes[i]);
        }
    }

    @Test(timeout = 10_000)
    public void aRecordThatCannotBeHashedFailsTheLabellingThreadRatherThanHangIt() {
        Function<DataRecord, String> keyOf = r -> {
            if (r.get("id").equals(70L)) {
                throw new IllegalStateException("no key");
            }
            return String.valueOf(r.get("id"));
        };
        HashedPage page = new HashedPage(records(200), keyOf, raw -> null, 0, 1000);
        assertThrows(IllegalStateException.class, () -> page.help(new Bytes(64)));
        assertThrows(IllegalStateException.class, () -> page.complete(new Bytes(64)));
    }

    /**
     * A fingerprinted record is hashed from its raw key and its fingerprint under the read's shape, and built only
     * when asked for, once; one whose raw key makes no key is left for labelling, which builds (and rejects) it.
     */
    @Test
    public void aFingerprintedRecordIsHashedWithoutBeingBuilt() {
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> items = new ArrayList<>();
        items.add(DataRecord.of(Map.of("id", 1L, "name", "Ann")));
        items.add(new HashedPage.Fingerprinted(List.of(2), 77L, () -> {
            builds.incrementAndGet();
            return DataRecord.of(Map.of("id", 2L, "name", "Bob"));
        }));
        items.add(new HashedPage.Fingerprinted(java.util.Arrays.asList((Object) null), 78L, () -> {
            throw new IllegalArgumentException("field 'id' is required but empty");
        }));
        Function<List<?>, String> keyOfRaw = raw -> raw.get(0) == null ? null : String.valueOf(((Number) raw.get(0)).longValue());
        HashedPage page = new HashedPage(items, r -> String.valueOf(r.get("id")), keyOfRaw, 5L, 1000);
        page.complete(new Bytes(64));

        assertEquals(0, builds.get());
        assertEquals(false, page.fingerprinted[0]);
        assertEquals("2", page.keys[1]);
        assertEquals(true, page.fingerprinted[1]);
        assertEquals(CacheIndex.keyHash("2".getBytes(java.nio.charset.StandardCharsets.UTF_8)), page.keyHashes[1]);
        assertEquals(Hashing.combine(77L, 5L), page.valueHashes[1]);
        assertEquals(null, page.keys[2]);
        assertEquals(false, page.fingerprinted[2]);

        assertEquals("Bob", page.record(1).get("name"));
        assertEquals("Bob", page.record(1).get("name"));
        assertEquals("built once", 1, builds.get());
        assertThrows(IllegalArgumentException.class, () -> page.record(2));
        Bytes buffer = new Bytes(64);
        RecordCodec.writeValues(buffer, page.record(1).values());
        assertEquals(CacheIndex.valueHash(buffer), page.valueHashOfBuilt(1, new Bytes(64)));
    }
}
