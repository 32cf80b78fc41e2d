package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.DescriptorException;
import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.store.FlowCopyEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Workspaces' copies of flow templates, as the data path sees them: made when a product with template flows is
 * registered in a workspace (a copy the workspace has already is kept), and put in place of the templates' stages
 * whenever a registration there is resolved.
 */
@Component(service = FlowCopies.class)
public class FlowCopies {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCopies.class);

    private final DescriptorReader reader = new DescriptorReader();

    @Reference
    private Store store;

    /** Copies the product's template flows into the workspace, where it has no copy of them yet. */
    public void copyTemplates(String workspace, ProductDescriptor product, String actor) {
        List<FlowDef> templates = product.flows().stream().filter(FlowDef::templated).toList();
        if (templates.isEmpty()) {
            return;
        }
        store.run(em -> {
            for (FlowDef flow : templates) {
                String id = FlowCopyEntity.id(workspace, product.id(), flow.id());
                if (em.find(FlowCopyEntity.class, id) != null) {
                    continue; // kept through other versions and registrations
                }
                FlowCopyEntity c = new FlowCopyEntity();
                c.id = id;
                c.workspace = workspace;
                c.productId = product.id();
                c.flowId = flow.id();
                c.templateVersion = product.version();
                c.template = reader.writeStages(flow.stages());
                c.stages = c.template;
                c.edited = false;
                c.copiedAt = Instant.now();
                c.updatedAt = c.copiedAt;
                c.updatedBy = actor;
                em.persist(c);
            }
        });
    }

    /** The product as a workspace runs it: each template flow with the stages of the workspace's copy. */
    public ProductDescriptor applyTo(String workspace, ProductDescriptor product) {
        if (product.flows().stream().noneMatch(FlowDef::templated)) {
            return product;
        }
        Map<String, FlowCopyEntity> copies = store.inTransaction(em -> dev.ferry.store.FlowCopies.of(em, workspace,
                product.id())).stream().collect(Collectors.toMap(c -> c.flowId, Function.identity()));
        List<FlowDef> flows = new ArrayList<>();
        for (FlowDef flow : product.flows()) {
            FlowCopyEntity copy = flow.templated() ? copies.get(flow.id()) : null;
            flows.add(copy == null ? flow : flow.withStages(stagesOf(copy, flow)));
        }
        return product.withFlows(flows);
    }

    private List<StageDef> stagesOf(FlowCopyEntity copy, FlowDef template) {
        try {
            return reader.readStages("copy of flow " + copy.flowId + " in workspace " + copy.workspace, copy.stages);
        } catch (DescriptorException e) {
            LOG.warn("The copy of flow {} of product {} in workspace {} cannot be read ({}); the template's stages run",
                    copy.flowId, copy.productId, copy.workspace, String.join("; ", e.errors()));
            return template.stages();
        }
    }
}
