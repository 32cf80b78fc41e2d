package dev.ferry.engine.descriptor;

import java.util.List;

/** A product descriptor that does not hold together; every error names its path (e.g. {@code services[1].type}). */
public class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public DescriptorException(String source, List<String> errors) {
        super("product descriptor " + source + " has " + errors.size() + " error(s): " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
