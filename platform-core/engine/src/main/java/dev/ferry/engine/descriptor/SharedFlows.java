package dev.ferry.engine.descriptor;

import java.util.List;
import java.util.Optional;

/** Where a product's flows find the shared flows they name: the installed ones. */
public interface SharedFlows {

    /** None installed. */
    SharedFlows NONE = new SharedFlows() {
        @Override
        public Optional<SharedFlowDescriptor> newest(String id, String range) {
            return Optional.empty();
        }

        @Override
        public List<String> versions(String id) {
            return List.of();
        }
    };

    /**
     * The newest installed version of a shared flow within a version range.
     *
     * @throws IllegalArgumentException when the range cannot be read
     */
    Optional<SharedFlowDescriptor> newest(String id, String range);

    /** The installed versions of a shared flow, oldest first. */
    List<String> versions(String id);
}
