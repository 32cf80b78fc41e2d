package dev.ferry.rest;

import dev.ferry.platform.api.ConnectorService;
import dev.ferry.platform.api.InstalledConnector;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.List;

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

    @GET
    public List<InstalledConnector> list() {
        return connectors.list();
    }

    @GET
    @Path("/{id}")
    public InstalledConnector get(@PathParam("id") String id) {
        return connectors.get(id);
    }
}
