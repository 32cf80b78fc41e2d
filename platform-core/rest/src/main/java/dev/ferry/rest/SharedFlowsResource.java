package dev.ferry.rest;

import dev.ferry.platform.api.ProductService;
import dev.ferry.platform.api.SharedFlow;
import io.swagger.v3.oas.annotations.Operation;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /shared-flows}: the shared flows installed, and refused shared-flow bundles with their errors. */
@Path("/shared-flows")
@Produces(MediaType.APPLICATION_JSON)
public class SharedFlowsResource {

    private final ProductService products;

    SharedFlowsResource(ProductService products) {
        this.products = products;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List shared flows")
    public List<SharedFlow> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return Paging.page(products.sharedFlows(), f -> f.id() + "@" + f.version(), after, limit, Paging.MAX);
    }
}
