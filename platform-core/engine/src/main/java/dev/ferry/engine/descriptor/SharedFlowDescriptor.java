package dev.ferry.engine.descriptor;

import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;

import java.util.List;

/**
 * A shared flow as its bundle declares it in {@code META-INF/ferry/flow.json} (manifest header
 * {@code Ferry-Shared-Flow}): stages and the configs they use, defined once and used by the flows of several products,
 * which give the trigger, the target and where each config's value comes from. Processors its stages name may be
 * offered by the same bundle.
 */
public record SharedFlowDescriptor(Integer format, String id, String version, String name, String description,
                                   List<ConfigDef> configs, List<StageDef> stages) {

    public SharedFlowDescriptor {
        configs = configs == null ? List.of() : List.copyOf(configs);
        stages = stages == null ? List.of() : List.copyOf(stages);
        description = description == null ? "" : description;
    }
}
