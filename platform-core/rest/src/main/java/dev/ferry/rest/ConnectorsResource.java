package dev.ferry.rest;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.DiscoveredDataObject;
import dev.ferry.platform.api.InstalledConnector;
import dev.ferry.platform.api.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /connectors}, {@code GET /connectors/{id}}: the connector catalog, each connector with its installed
 * versions and which serves which product, its connection settings (secrets marked) and modules.
 */
@Path("/connectors")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorsResource {

    private final ConnectorService connectors;

    ConnectorsResource(ConnectorService connectors) {
        this.connectors = connectors;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List installed connectors and their versions")
    public List<InstalledConnector> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return Paging.page(connectors.list(), InstalledConnector::id, after, limit, Paging.MAX);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a connector: versions, settings, modules, users")
    public InstalledConnector get(@PathParam("id") String id) {
        return connectors.get(id);
    }

    /**
     * The data objects a connection can see, with their fields and keys: body {@code {"connection": {"url": ...}}}
     * (the settings a product's service gives the connector). Manager or admin: it reaches the external system.
     */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/{id}/discover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Discover the data objects a connection sees")
    public List<DiscoveredDataObject> discover(@PathParam("id") String id, DiscoverRequest request) {
        if (request == null) {
            throw new InvalidInputException("connection", "is required: {\"connection\": {name: value}}");
        }
        return connectors.discover(id, request.connection());
    }

    /** What {@code POST /connectors/{id}/discover} takes: the connection's settings. */
    public record DiscoverRequest(Map<String, String> connection) {
    }
}
