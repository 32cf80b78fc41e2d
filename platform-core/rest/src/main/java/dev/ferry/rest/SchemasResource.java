package dev.ferry.rest;

import dev.ferry.platform.api.ProductService;
import io.swagger.v3.oas.annotations.Operation;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * The JSON Schemas of what vendors write: {@code GET /schemas/product} is the product descriptor's,
 * {@code GET /schemas/shared-flow} a shared flow's.
 */
@Path("/schemas")
public class SchemasResource {

    private final ProductService products;

    SchemasResource(ProductService products) {
        this.products = products;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/product")
    @Produces({MediaType.APPLICATION_JSON, "application/schema+json"})
    @Operation(summary = "JSON Schema of product.json")
    public String product() {
        return products.descriptorSchema();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/shared-flow")
    @Produces({MediaType.APPLICATION_JSON, "application/schema+json"})
    @Operation(summary = "JSON Schema of a shared flow")
    public String sharedFlow() {
        return products.sharedFlowSchema();
    }
}
