package dev.ferry.rest;

import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductService;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import java.util.List;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    private final ProductService products;

    ProductsResource(ProductService products) {
        this.products = products;
    }

    @GET
    public List<Product> list() {
        return products.list();
    }

    /** The newest available version, or {@code ?version=}. */
    @GET
    @Path("/{id}")
    public Product get(@PathParam("id") String id, @QueryParam("version") String version) {
        return products.get(id, version);
    }
}
