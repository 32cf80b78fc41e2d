package dev.ferry.connector.file;

import dev.ferry.connector.api.testkit.RecordingReadContext;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class FileConnectorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FileConnector connector = new FileConnector();

    @Test
    public void discoversEachDataFileWithTheFieldsItsFirstLineNames() throws Exception {
        java.nio.file.Path folder = temp.newFolder("discover").toPath();
        java.nio.file.Files.writeString(folder.resolve("customers.csv"), "id,name,\"e-mail, work\"\n1,Ada,a@x\n");
        java.nio.file.Files.writeString(folder.resolve("orders.ndjson"), "{\"order\": 7, \"total\": 1.5, \"paid\": true, \"note\": \"x\"}\n");
        java.nio.file.Files.writeString(folder.resolve(".hidden.csv"), "a,b\n");
        java.nio.file.Files.writeString(folder.resolve("readme.txt"), "not data");
        List<dev.ferry.connector.api.DiscoveredObject> found = connector.discover(
                dev.ferry.connector.api.Config.of(java.util.Map.of("directory", folder.toString())));
        assertEquals(2, found.size());
        dev.ferry.connector.api.DiscoveredObject csv = found.get(0);
        assertEquals("csv", csv.module());
        assertEquals("customers", csv.name());
        assertEquals(java.util.Map.of("pattern", "customers.csv"), csv.options());
        assertEquals(List.of("id", "name", "e-mail, work"), csv.fields().stream().map(f -> f.name()).toList());
        assertEquals(List.of("id"), csv.primaryKey());
        dev.ferry.connector.api.DiscoveredObject ndjson = found.get(1);
        assertEquals("orders", ndjson.name());
        assertEquals(List.of(dev.ferry.connector.api.data.FieldType.INTEGER, dev.ferry.connector.api.data.FieldType.DECIMAL,
                dev.ferry.connector.api.data.FieldType.BOOLEAN, dev.ferry.connector.api.data.FieldType.STRING),
                ndjson.fields().stream().map(f -> f.type()).toList());
        assertEquals(List.of(), ndjson.primaryKey());

        dev.ferry.connector.api.ConnectorException missing = assertThrows(dev.ferry.connector.api.ConnectorException.class,
                () -> connector.discover(dev.ferry.connector.api.Config.of(java.util.Map.of("directory",
                        folder.resolve("nope").toString()))));
        assertEquals("directory_missing", missing.code());
    }

    @Test
    public void describesItself() {
        assertEquals("file", connector.info().id());
        assertEquals("Files (CSV, NDJSON)", connector.info().name());
        assertTrue(connector.info().version().startsWith("0.1.0"));
        ModuleSpec csv = connector.module("csv");
        assertEquals(Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR), csv.serviceTypes());
        assertEquals(Set.of(Operation.INSERT, Operation.UPSERT), csv.operations());
        assertEquals(List.of("pattern", "outputFile", "lookBack", "afterRead", "moveTo", "delimiter", "header"),
                csv.objectOptions().stream().map(f -> f.name()).toList());
        assertEquals(List.of("pattern", "outputFile", "lookBack", "afterRead", "moveTo"),
                connector.module("ndjson").objectOptions().stream().map(f -> f.name()).toList());
        assertThrows(IllegalArgumentException.class, () -> connector.cacheWriter("xml"));
    }

    @Test
    public void testsTheDirectory() throws Exception {
        Path dir = temp.newFolder("d").toPath();
        assertEquals(ConnectionTest.ok("directory " + dir + " is readable and writable"),
                connector.testConnection(Customers.connection(dir)));
        ConnectionTest missing = connector.testConnection(Customers.connection(dir.resolve("nope")));
        assertFalse(missing.ok());
        assertEquals("directory " + dir.resolve("nope") + " does not exist", missing.message());
    }

    @Test
    public void aMissingDirectoryIsARetriableErrorNamingThePath() throws Exception {
        Path missing = temp.getRoot().toPath().resolve("not-mounted");
        RecordingReadContext read = new RecordingReadContext(Customers.connection(missing), Customers.object(),
                ReadMode.FULL, null);

        ConnectorException onRead = assertThrows(ConnectorException.class, () -> connector.cacheWriter("csv").read(read));
        ConnectorException onWrite = assertThrows(ConnectorException.class, () -> connector.actionProcessor("ndjson")
                .execute(new ActionContext() {
                    @Override
                    public dev.ferry.connector.api.Config connection() {
                        return Customers.connection(missing);
                    }

                    @Override
                    public DataObject object() {
                        return Customers.object();
                    }
                }, List.of(new Action(1, Operation.INSERT, DataRecord.of(Map.of("id", 1L))))));

        for (ConnectorException e : List.of(onRead, onWrite)) {
            assertEquals("directory_missing", e.code());
            assertTrue(e.retriable());
            assertEquals("directory " + missing + " does not exist", e.getMessage());
        }
    }

    @Test
    public void refusesAnOutputFileOutsideTheDirectory() {
        DataObject object = Customers.object(Map.of("outputFile", "../escape.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileObjectOptions.of(object, "csv"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("'outputFile'"));
    }

    @Test
    public void refusesANegativeLookBack() {
        DataObject object = Customers.object(Map.of("lookBack", "-1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> connector.validate("csv", Customers.connection(temp.getRoot().toPath()), object));
        assertTrue(e.getMessage(), e.getMessage().startsWith("'lookBack'"));
    }
}
