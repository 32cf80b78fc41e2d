package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Set;

/**
 * Connector {@code file}: CSV and NDJSON files in a directory. Reading picks up the files matching a glob in
 * arrival order, an incremental read those it has not read yet (see {@link FileCursor}); inserts and upserts append
 * lines to one output file.
 */
@Component(service = Connector.class)
public class FileConnector implements Connector {

    private static final List<FileFormat> FORMATS = List.of(new CsvFormat(), new NdjsonFormat());

    private final ConnectorInfo info = new ConnectorInfo("file", "Files (CSV, NDJSON)",
            ConnectorInfo.buildVersion(FileConnector.class), "Ferry",
            "Reads CSV and NDJSON files dropped in a directory and appends records to them.");

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public List<ConfigField> connectionSpec() {
        return FileStore.fields();
    }

    @Override
    public List<ModuleSpec> modules() {
        return FORMATS.stream().map(FileConnector::moduleSpec).toList();
    }

    @Override
    public void validate(String module, Config connection, DataObject object) {
        FileStore.of(connection).close(); // refuses settings it cannot use; nothing is opened yet
        FileObjectOptions.of(object, format(module).extension()).fileNames();
    }

    @Override
    public ConnectionTest testConnection(Config connection) {
        try (FileStore store = FileStore.of(connection)) {
            return store.check();
        }
    }

    /** The folder's CSV and NDJSON files, one object a file, with the fields their first line names. */
    @Override
    public List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        return FileDiscovery.discover(connection);
    }

    @Override
    public CacheWriter cacheWriter(String module) {
        return new FileCacheWriter(format(module));
    }

    @Override
    public ActionProcessor actionProcessor(String module) {
        return new FileActionProcessor(format(module));
    }

    private FileFormat format(String module) {
        return FORMATS.stream().filter(f -> f.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("connector 'file' has no module '" + module
                        + "' (expected csv or ndjson)"));
    }

    private static ModuleSpec moduleSpec(FileFormat format) {
        return new ModuleSpec(format.module(), format.description(),
                Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR),
                FileActionProcessor.OPERATIONS,
                FileObjectOptions.fields(format.extension(), format.options()));
    }

}
