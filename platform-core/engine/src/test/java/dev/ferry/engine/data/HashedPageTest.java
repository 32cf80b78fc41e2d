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
        HashedPage page = new HashedPage(records(200), keyOf, 1000);
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
        HashedPage page = new HashedPage(records(200), keyOf, 1000);
        assertThrows(IllegalStateException.class, () -> page.help(new Bytes(64)));
        assertThrows(IllegalStateException.class, () -> page.complete(new Bytes(64)));
    }
}
