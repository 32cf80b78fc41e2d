package dev.ferry.platform.api;

import java.util.List;

/** Installed integration products (they arrive as Karaf features and their bundles). */
public interface ProductService {

    /** Every installed product version, newest versions first within a product. */
    List<Product> list();

    /** A product's newest available version, or the given one. @throws NotFoundException */
    Product get(String id, String version);

    /** The JSON Schema of the product descriptor ({@code product.json}), as JSON text. */
    String descriptorSchema();

    /** The shared flows installed, and refused shared-flow bundles, by id and version. */
    List<SharedFlow> sharedFlows();

    /** The JSON Schema of a shared flow's descriptor ({@code flow.json}), as JSON text. */
    String sharedFlowSchema();
}
