package ${package};

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.service.component.annotations.Component;

import java.util.EnumSet;
import java.util.List;

/**
 * Connector {@code ${connectorId}}: an example to make your own from. Its "system" is a folder: each data object is
 * a subfolder, each record a {@code .properties} file named by its key. Replace {@link ItemFolder} with the client of
 * your system, keep the shape: the settings declared as data, a module with its object options, a cache writer that
 * emits records and an action processor that answers each action.
 */
@Component(service = Connector.class)
public class ${connectorClass}Connector implements Connector {

    static final String MODULE = "items";

    private final ConnectorInfo info = ConnectorInfo.builder("${connectorId}").name("${connectorClass}")
            .version(ConnectorInfo.buildVersion(${connectorClass}Connector.class)).vendor("${vendor}")
            .description("Records as .properties files in the subfolders of a folder (an example connector).").build();

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public List<ConfigField> connectionSpec() {
        return List.of(ConfigField.builder(ItemFolder.FOLDER, ConfigType.PATH).required()
                .description("The folder whose subfolders hold the records").build());
    }

    @Override
    public List<ModuleSpec> modules() {
        return List.of(ModuleSpec.builder(MODULE).description("A subfolder: each record is a .properties file")
                .serviceType(ServiceType.CACHE_WRITER).serviceType(ServiceType.ACTION_PROCESSOR)
                .operation(Operation.INSERT).operation(Operation.UPDATE).operation(Operation.UPSERT)
                .operation(Operation.DELETE).operation(Operation.GET).build());
    }

    @Override
    public ConnectionTest testConnection(Config connection) {
        return ItemFolder.of(connection).check();
    }

    /** Each subfolder, with the fields its first record names. */
    @Override
    public List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        return ItemFolder.of(connection).discover(MODULE);
    }

    @Override
    public CacheWriter cacheWriter(String module) {
        requireModule(module);
        return new ${connectorClass}Reader();
    }

    @Override
    public ActionProcessor actionProcessor(String module) {
        requireModule(module);
        return new ${connectorClass}Writer();
    }

    private static void requireModule(String module) {
        if (!MODULE.equals(module)) {
            throw new IllegalArgumentException("connector '${connectorId}' has no module '" + module + "' (expected items)");
        }
    }
}
