package dev.ferry.connector.file;

import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class AppendTest extends InFolderTest {

    @Test
    public void csvAppendsWriteTheHeaderOnceAndReadBack() throws Exception {
        List<ActionOutcome> first = execute("csv", List.of(
                new Action(1, Operation.INSERT, customer(1, "Ann, the first")),
                new Action(2, Operation.UPSERT, customer(2, null))));
        List<ActionOutcome> second = execute("csv", List.of(new Action(3, Operation.UPSERT, customer(3, "Cid \"C\""))));

        assertTrue(first.stream().allMatch(ActionOutcome::succeeded));
        assertTrue(second.get(0).succeeded());
        List<String> lines = Files.readAllLines(dir.resolve("customers.csv"));
        assertEquals(4, lines.size());
        assertEquals(Customers.CSV_HEADER, lines.get(0));
        assertEquals("2,,1234567890.10,true,2001-02-03,2024-05-06T07:08:09.123Z", lines.get(2));

        List<DataRecord> read = readBack("csv");
        assertEquals(List.of(customer(1, "Ann, the first"), customer(2, null), customer(3, "Cid \"C\"")), read);
    }

    @Test
    public void ndjsonAppendsReadBack() throws Exception {
        execute("ndjson", List.of(new Action(1, Operation.INSERT, customer(1, "Ann"))));
        execute("ndjson", List.of(new Action(2, Operation.UPSERT, customer(2, null))));

        assertEquals(2, Files.readAllLines(dir.resolve("customers.ndjson")).size());
        assertEquals(List.of(customer(1, "Ann"), customer(2, null)), readBack("ndjson"));
    }

    @Test
    public void otherOperationsAndInvalidRecordsFailAloneAndWriteNothing() throws Exception {
        Map<String, Object> noKey = new LinkedHashMap<>(customer(9, "x").values());
        noKey.put("id", null);

        List<ActionOutcome> outcomes = execute("csv", List.of(
                new Action(1, Operation.DELETE, customer(1, "x")),
                new Action(2, Operation.INSERT, DataRecord.of(noKey))));

        assertEquals("unsupported", outcomes.get(0).code());
        assertEquals("invalid_record", outcomes.get(1).code());
        assertFalse(Files.exists(dir.resolve("customers.csv")));
    }

    @Test
    public void writesToTheConfiguredOutputFile() throws Exception {
        DataObject object = Customers.object(Map.of("outputFile", "in-2024.csv", "pattern", "in-*.csv"));
        List<ActionOutcome> outcomes = connector.actionProcessor("csv").execute(context(object),
                List.of(new Action(1, Operation.INSERT, customer(1, "a"))));

        assertTrue(outcomes.get(0).succeeded());
        assertTrue(Files.exists(dir.resolve("in-2024.csv")));
    }

    private List<ActionOutcome> execute(String module, List<Action> actions) throws Exception {
        List<ActionOutcome> outcomes = connector.actionProcessor(module).execute(context(Customers.object()), actions);
        assertEquals(actions.size(), outcomes.size());
        for (int i = 0; i < actions.size(); i++) {
            assertEquals(actions.get(i).id(), outcomes.get(i).actionId());
        }
        return outcomes;
    }

    private List<DataRecord> readBack(String module) throws Exception {
        RecordingReadContext context = new RecordingReadContext(Customers.connection(dir), Customers.object(),
                ReadMode.FULL, null);
        connector.cacheWriter(module).read(context);
        assertTrue(context.rejected.toString(), context.rejected.isEmpty());
        return context.emitted;
    }

    private ActionContext context(DataObject object) {
        return ActionContext.of(Customers.connection(dir), object);
    }

    private static DataRecord customer(long id, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("balance", new BigDecimal("1234567890.10"));
        values.put("active", Boolean.TRUE);
        values.put("born", LocalDate.of(2001, 2, 3));
        values.put("updated", Instant.parse("2024-05-06T07:08:09.123Z"));
        return DataRecord.of(values);
    }
}
