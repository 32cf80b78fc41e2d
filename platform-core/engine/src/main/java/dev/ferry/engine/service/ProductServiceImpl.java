package dev.ferry.engine.service;

import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.Placeholders;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.SharedFlowDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.product.SharedFlowCatalog;
import dev.ferry.platform.api.SharedFlow;
import dev.ferry.engine.product.Versions;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.Product;
import dev.ferry.platform.api.ProductConfig;
import dev.ferry.platform.api.ProductJob;
import dev.ferry.platform.api.ProductService;
import dev.ferry.store.ProductEntity;
import dev.ferry.store.Products;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

@Component(service = ProductService.class)
public class ProductServiceImpl implements ProductService {

    private final DescriptorReader reader = new DescriptorReader();

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private SharedFlowCatalog sharedFlowCatalog;

    @Override
    public List<Product> list() {
        List<Product> products = store.inTransaction(Products::all)
                .stream()
                .sorted(Comparator.comparing((ProductEntity p) -> p.productId)
                        .thenComparing(p -> Versions.parse(p.version), Comparator.reverseOrder()))
                .map(this::view).collect(Collectors.toCollection(ArrayList::new));
        // refused descriptors are listed too, so an admin sees why a product did not appear
        catalog.rejected().forEach(r -> products.add(new Product(r.productId(), r.version(), null, null, null, null,
                false, r.source(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, "invalid",
                r.errors())));
        return products;
    }

    @Override
    public String descriptorSchema() {
        try (InputStream in = DescriptorReader.class.getResourceAsStream(DescriptorReader.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the engine bundle lacks " + DescriptorReader.SCHEMA_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<SharedFlow> sharedFlows() {
        List<SharedFlow> all = new ArrayList<>();
        for (SharedFlowCatalog.Installed i : sharedFlowCatalog.installed()) {
            SharedFlowDescriptor d = i.descriptor();
            all.add(new SharedFlow(d.id(), d.version(), d.name(), d.description(), i.source(), "installed",
                    d.stages().size(), d.configs().stream().map(ProductDescriptor.ConfigDef::name).toList(), List.of()));
        }
        for (SharedFlowCatalog.Rejected r : sharedFlowCatalog.rejected()) {
            String[] nameAndVersion = r.source().split(" ", 2);
            all.add(new SharedFlow(nameAndVersion[0], nameAndVersion.length > 1 ? nameAndVersion[1] : "", null, null,
                    r.source(), "invalid", 0, List.of(), r.errors()));
        }
        return all;
    }

    @Override
    public String sharedFlowSchema() {
        return DescriptorReader.sharedFlowSchema(descriptorSchema());
    }

    @Override
    public Product get(String id, String version) {
        if (version == null) {
            return catalog.newest(id).map(p -> get(id, p.descriptor().version()))
                    .orElseGet(() -> list().stream().filter(p -> p.id().equals(id)).findFirst()
                            .orElseThrow(() -> new NotFoundException("product", id)));
        }
        return store.inTransaction(em -> Products.find(em, id, version))
                .map(this::view).orElseThrow(() -> new NotFoundException("product", id + " " + version));
    }

    private Product view(ProductEntity p) {
        ProductDescriptor d = reader.readStored(p.descriptor);
        List<ProductConfig> configs = d.configs().stream()
                .map(c -> new ProductConfig(c.name(), c.type() == null ? "string" : c.type(), c.effectiveRequired(),
                        Placeholders.fillProperties(c.defaultValue()), c.effectiveSecret(), c.description()))
                .collect(Collectors.toList());
        List<ProductJob> jobs = d.jobs().stream()
                .map(j -> j.schedule() == null ? new ProductJob(j.id(), "on demand", null, j.steps())
                        : new ProductJob(j.id(), j.schedule().cron() != null ? j.schedule().cron() : "every " + j.schedule().every(),
                        j.schedule().zone(), j.steps()))
                .collect(Collectors.toList());
        return new Product(d.id(), d.version(), d.name(), d.description(), d.type(), d.lifecycle(),
                catalog.loaded(d.id(), d.version()).isPresent(), p.source,
                d.connectors().stream().map(ProductDescriptor.ConnectorRef::toString).collect(Collectors.toList()),
                d.features().stream().map(ProductDescriptor.FeatureDef::id).collect(Collectors.toList()),
                d.services().stream().map(s -> s.id() + " (" + s.qualifiedName() + ")").collect(Collectors.toList()),
                d.flows().stream().map(f -> f.shared() == null ? f.id() : f.id() + " (shared flow " + f.shared().id() + " "
                        + f.shared().resolved() + ")").collect(Collectors.toList()),
                configs, jobs, p.installedAt, catalog.loaded(d.id(), d.version()).isPresent() ? "loaded" : "unavailable",
                List.of());
    }
}
