package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Connector {@code http-json}: the resources of an HTTP API that speaks JSON. A data object is a resource (a path
 * answering an array of items, or an object holding one); it is read page by page (page and size, offset and limit,
 * a cursor token, or the {@code Link} header) and written item by item. Connections sign in with basic auth, an API
 * key, a bearer token or OAuth2 client credentials, keep to a rate limit, and wait out 429 and 5xx answers as the
 * API's {@code Retry-After} asks.
 */
@Component(service = Connector.class)
public class HttpJsonConnector implements Connector {

    static final String MODULE = "resource";

    private final ApiConnections connections = new ApiConnections();

    private final ConnectorInfo info = ConnectorInfo.builder("http-json").name("HTTP JSON APIs")
            .version(ConnectorInfo.buildVersion(HttpJsonConnector.class)).vendor("Ferry")
            .description("Reads and writes the resources of an HTTP API that speaks JSON.").build();

    @Deactivate
    void deactivate() {
        connections.clear();
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public List<ConfigField> connectionSpec() {
        return HttpSettings.fields();
    }

    @Override
    public List<ModuleSpec> modules() {
        return List.of(new ModuleSpec(MODULE,
                "A resource of the API: its items are records, their JSON members named like the fields",
                Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR),
                EnumSet.allOf(Operation.class), ResourceOptions.fields()));
    }

    @Override
    public void validate(String module, Config connection, DataObject object) {
        requireModule(module);
        HttpSettings.of(connection);
        ResourceOptions.of(object);
    }

    /** Reaches the base URL (or the discovery path), signed in: any answer but 401, 403 or a server failure will do. */
    @Override
    public ConnectionTest testConnection(Config connection) {
        ApiConnection api = connections.of(connection);
        HttpSettings settings = api.settings();
        URI uri = settings.discoveryPath() == null ? settings.baseUrl() : settings.resolve(settings.discoveryPath());
        try {
            ApiConnection.Answer answer = api.send("GET", uri, null);
            if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500 || answer.status() == 429) {
                return ConnectionTest.failed(answer.failure().getMessage());
            }
            return ConnectionTest.ok("reached " + answer.request().substring(4) + " (HTTP " + answer.status()
                    + ", signed in with " + describe(settings.auth()) + ")");
        } catch (ConnectorException e) {
            return ConnectionTest.failed(e.getMessage());
        }
    }

    /** The resources listed at the connection's discovery path; none without one. */
    @Override
    public List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        return ResourceDiscovery.discover(connections.of(connection));
    }

    @Override
    public CacheWriter cacheWriter(String module) {
        requireModule(module);
        return new ResourceReader(connections);
    }

    @Override
    public ActionProcessor actionProcessor(String module) {
        requireModule(module);
        return new ResourceActionProcessor(connections);
    }

    private static String describe(Auth auth) {
        return auth instanceof Auth.None ? "nothing" : auth.toString();
    }

    private static void requireModule(String module) {
        if (!MODULE.equals(module)) {
            throw new IllegalArgumentException("connector 'http-json' has no module '" + module + "' (expected resource)");
        }
    }
}
