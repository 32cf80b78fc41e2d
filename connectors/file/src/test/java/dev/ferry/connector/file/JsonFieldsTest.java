package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Object and array fields in files: nested in NDJSON lines, JSON text in CSV cells; written and read back alike. */
public class JsonFieldsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FileConnector connector = new FileConnector();

    private static DataObject orders() {
        return DataObject.builder("orders").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("customer", FieldType.OBJECT, false))
                .field(new FieldSpec("lines", FieldType.ARRAY, false)).primaryKey("id").build();
    }

    private static DataRecord order() {
        return orders().toRecord(Map.of("id", 1L, "customer", "{\"name\": \"Ada, \\\"the\\\" first\"}",
                "lines", "[{\"sku\": \"A-1\", \"qty\": 2}]"));
    }

    private List<DataRecord> roundTrip(String module) throws Exception {
        Path folder = temp.newFolder(module).toPath();
        Config connection = Config.of(Map.of(DataDirectory.SETTING, folder.toString()));
        connector.actionProcessor(module).execute(ActionContext.of(connection, orders()),
                List.of(new Action(1, Operation.UPSERT, order())));
        RecordingReadContext read = new RecordingReadContext(connection, orders(), ReadMode.FULL, null);
        connector.cacheWriter(module).read(read);
        assertTrue(read.rejected.toString(), read.rejected.isEmpty());
        return read.emitted;
    }

    @Test
    public void ndjsonNestsThemAndReadsThemBack() throws Exception {
        assertEquals(List.of(order()), roundTrip("ndjson"));
        assertEquals("{\"id\":1,\"customer\":{\"name\":\"Ada, \\\"the\\\" first\"},\"lines\":[{\"qty\":2,\"sku\":\"A-1\"}]}\n",
                Files.readString(temp.getRoot().toPath().resolve("ndjson/orders.ndjson")));
    }

    @Test
    public void csvHoldsTheirJsonTextAndReadsThemBack() throws Exception {
        assertEquals(List.of(order()), roundTrip("csv"));
    }
}
