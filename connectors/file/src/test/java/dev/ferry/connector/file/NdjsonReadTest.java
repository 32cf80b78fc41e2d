package dev.ferry.connector.file;

import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class NdjsonReadTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void readsObjectsPerLineAndRejectsMalformedLines() throws Exception {
        Path dir = temp.newFolder("in").toPath();
        Files.write(dir.resolve("customers.ndjson"), List.of(
                "{\"id\":1,\"name\":\"Ann\",\"balance\":12.50,\"active\":true,\"born\":\"1980-03-04\",\"updated\":\"2024-01-02T03:04:05Z\"}",
                "{\"id\":2,\"name\":",
                "",
                "[1,2]",
                "{\"id\":\"three\"}",
                "{\"id\":4,\"balance\":10000000000000000000000.1,\"extra\":{\"a\":1}}"));

        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(),
                ReadMode.FULL, null);
        new FileConnector().cacheWriter("ndjson").read(context);

        assertEquals(2, context.emitted.size());
        DataRecord ann = context.emitted.get(0);
        assertEquals(1L, ann.get("id"));
        assertEquals("Ann", ann.get("name"));
        assertEquals(new BigDecimal("12.50"), ann.get("balance"));
        assertEquals(Boolean.TRUE, ann.get("active"));
        assertEquals(LocalDate.of(1980, 3, 4), ann.get("born"));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), ann.get("updated"));
        assertEquals(new BigDecimal("10000000000000000000000.1"), context.emitted.get(1).get("balance"));

        assertEquals(List.of("customers.ndjson line 2", "customers.ndjson line 4", "customers.ndjson line 5"),
                List.copyOf(context.rejected.keySet()));
        assertTrue(context.rejected.get("customers.ndjson line 2").startsWith("is not valid JSON"));
        assertEquals("is a JSON array, not an object", context.rejected.get("customers.ndjson line 4"));
        assertTrue(context.rejected.get("customers.ndjson line 5").contains("'id'"));
    }
}
