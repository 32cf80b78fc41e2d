package ${package};

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connector contract of Ferry's test kit, kept by this connector on a real "system": a folder the test makes.
 * Keep this test when you replace the example with your own system; give it a fixture of that system (a test
 * database, a sandbox account, a server the test starts).
 */
public class ${connectorClass}ContractTest extends ConnectorContract {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();
    private Path root;

    private Path root() {
        if (root == null) {
            try {
                root = temp.newFolder("system").toPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    @Override
    protected Connector connector() {
        return new ${connectorClass}Connector();
    }

    @Override
    protected String module() {
        return ${connectorClass}Connector.MODULE;
    }

    @Override
    protected Config connection() {
        return Config.of(Map.of(ItemFolder.FOLDER, root().toString()));
    }

    @Override
    protected Config unreachable() {
        return Config.of(Map.of(ItemFolder.FOLDER, root().resolve("not-mounted").toString()));
    }

    @Override
    protected DataObject object() {
        return DataObject.builder("contacts")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .primaryKey("id").build();
    }

    @Override
    protected DataRecord record(int n) {
        return contact(n, "Contact " + n);
    }

    private static DataRecord contact(long id, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        return DataRecord.of(values);
    }

    @Override
    protected void seed(List<DataRecord> records) throws Exception {
        Path folder = Files.createDirectories(root().resolve("contacts"));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        ItemFolder system = ItemFolder.of(connection());
        for (DataRecord r : records) {
            system.write(object(), r.get("id"), r);
        }
    }

    @Override
    protected DataRecord change(int n) throws Exception {
        DataRecord changed = contact(n, "Changed " + n);
        ItemFolder.of(connection()).write(object(), (long) n, changed);
        return changed;
    }

    /** The example has no secret settings; a connector that has them returns failing settings carrying the secret. */
    @Override
    protected Config withSecret(String secret) {
        return null;
    }
}
