package dev.ferry.engine.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.camel.RegistrationRuntime;
import dev.ferry.engine.descriptor.DescriptorException;
import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.WorkspaceFlow;
import dev.ferry.platform.api.WorkspaceFlowService;
import dev.ferry.store.FlowCopies;
import dev.ferry.store.FlowCopyEntity;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import dev.ferry.store.WorkspaceEntity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Component(service = WorkspaceFlowService.class)
public class WorkspaceFlowServiceImpl implements WorkspaceFlowService {

    /** The longest stages JSON a copy takes. */
    static final int MAX_STAGES = 30_000;

    private final DescriptorReader reader = new DescriptorReader(FlowLanguages::problem);

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private RegistrationRuntime runtime;
    @Reference
    private ActivityRecorder activity;

    @Override
    public List<WorkspaceFlow> list(String workspace) {
        return store.inTransaction(em -> {
            if (em.find(WorkspaceEntity.class, workspace) == null) {
                throw new NotFoundException("workspace", workspace);
            }
            return FlowCopies.of(em, workspace);
        }).stream().map(this::view).toList();
    }

    @Override
    public WorkspaceFlow get(String workspace, String product, String flow) {
        return view(find(workspace, product, flow));
    }

    @Override
    public WorkspaceFlow edit(String workspace, String product, String flow, String stages, String actor) {
        FlowCopyEntity copy = find(workspace, product, flow);
        if (stages == null || stages.isBlank()) {
            throw new InvalidInputException("stages", "are required: a JSON array of stages");
        }
        if (stages.length() > MAX_STAGES) {
            throw new InvalidInputException("stages", "are " + stages.length() + " characters; at most " + MAX_STAGES);
        }
        ProductDescriptor d = template(copy);
        List<StageDef> parsed;
        try {
            parsed = reader.readStages("stages", stages);
        } catch (DescriptorException e) {
            throw e.asInvalidInput();
        }
        int index = flowIndex(d, flow);
        List<FlowDef> flows = new ArrayList<>(d.flows());
        flows.set(index, flows.get(index).withStages(parsed));
        String prefix = "flows[" + index + "].";
        List<Problem> problems = reader.problems(d.withFlows(flows)).stream()
                .map(e -> DescriptorException.problem(e.startsWith(prefix) ? e.substring(prefix.length()) : e)).toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String json = reader.writeStages(parsed);
        WorkspaceFlow before = view(copy);
        FlowCopyEntity saved = store.inTransaction(em -> {
            FlowCopyEntity c = em.find(FlowCopyEntity.class, copy.id);
            c.stages = json;
            c.edited = !same(json, c.template);
            c.updatedAt = Instant.now();
            c.updatedBy = actor;
            return c;
        });
        return changed(saved, before, "flow.edited", "flow " + flow + " of product " + product + " edited in workspace "
                + workspace, actor);
    }

    @Override
    public WorkspaceFlow reset(String workspace, String product, String flow, String actor) {
        FlowCopyEntity copy = find(workspace, product, flow);
        ProductDescriptor d = template(copy);
        String json = reader.writeStages(d.flows().get(flowIndex(d, flow)).stages());
        WorkspaceFlow before = view(copy);
        FlowCopyEntity saved = store.inTransaction(em -> {
            FlowCopyEntity c = em.find(FlowCopyEntity.class, copy.id);
            c.template = json;
            c.templateVersion = d.version();
            c.stages = json;
            c.edited = false;
            c.updatedAt = Instant.now();
            c.updatedBy = actor;
            return c;
        });
        return changed(saved, before, "flow.reset", "flow " + flow + " of product " + product + " in workspace "
                + workspace + " reset to the template of " + d.version(), actor);
    }

    /** Records the change and lets the workspace's registration of the product run the copy from now on. */
    private WorkspaceFlow changed(FlowCopyEntity saved, WorkspaceFlow before, String action, String summary, String actor) {
        String registration = saved.workspace + ":" + saved.productId;
        WorkspaceFlow after = view(saved);
        activity.record(new Activity(action, actor, saved.productId, saved.workspace,
                store.inTransaction(em -> em.find(RegistrationEntity.class, registration)) == null ? null : registration,
                summary, RecordJson.write(before), RecordJson.write(after)));
        runtime.reconcile(registration); // redeploys it when its flows changed; a removed one stays removed
        return after;
    }

    private FlowCopyEntity find(String workspace, String product, String flow) {
        FlowCopyEntity c = store.inTransaction(em -> em.find(FlowCopyEntity.class, FlowCopyEntity.id(workspace, product, flow)));
        if (c == null) {
            throw new NotFoundException("flow copy", flow + "' of product '" + product + "' in workspace '" + workspace);
        }
        return c;
    }

    /** The product version the workspace's registration runs (or, without one, the version that was copied). */
    private ProductDescriptor template(FlowCopyEntity copy) {
        RegistrationEntity r = store.inTransaction(em -> em.find(RegistrationEntity.class, copy.workspace + ":" + copy.productId));
        String version = r != null ? r.productVersion : copy.templateVersion;
        return catalog.descriptor(copy.productId, version).orElseThrow(() -> new NotFoundException("product",
                copy.productId + " " + version));
    }

    private static int flowIndex(ProductDescriptor d, String flow) {
        for (int i = 0; i < d.flows().size(); i++) {
            if (d.flows().get(i).id().equals(flow)) {
                return i;
            }
        }
        throw new NotFoundException("flow", flow + "' in product '" + d.id() + " " + d.version());
    }


    private WorkspaceFlow view(FlowCopyEntity c) {
        Optional<ProductDescriptor> now = Optional.empty();
        try {
            now = Optional.of(template(c));
        } catch (NotFoundException e) {
            // the product version is gone: nothing to compare with
        }
        boolean templateChanged = now.flatMap(d -> d.flow(c.flowId))
                .map(f -> !same(reader.writeStages(f.stages()), c.template)).orElse(false);
        return new WorkspaceFlow(c.workspace, c.productId, c.flowId, c.templateVersion, c.edited, stages(c.stages),
                stages(c.template), differences(c.template, c.stages), templateChanged, c.updatedAt, c.updatedBy);
    }

    /** How the copy's stages differ from the template's, stage by stage. */
    static List<String> differences(String template, String copy) {
        JsonNode t = tree(template);
        JsonNode c = tree(copy);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(t.size(), c.size()); i++) {
            if (i >= c.size()) {
                out.add("stages[" + i + "]: removed (the template has " + t.get(i) + ")");
            } else if (i >= t.size()) {
                out.add("stages[" + i + "]: added " + c.get(i));
            } else if (!t.get(i).equals(c.get(i))) {
                out.add("stages[" + i + "]: changed from " + t.get(i) + " to " + c.get(i));
            }
        }
        return out;
    }

    private static boolean same(String a, String b) {
        return tree(a).equals(tree(b));
    }

    private static JsonNode tree(String json) {
        try {
            return RecordJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored stages cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Object> stages(String json) {
        try {
            return RecordJson.MAPPER.readValue(json, new TypeReference<List<Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("stored stages cannot be read: " + e.getMessage(), e);
        }
    }
}
