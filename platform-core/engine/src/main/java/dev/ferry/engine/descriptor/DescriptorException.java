package dev.ferry.engine.descriptor;

import dev.ferry.platform.api.InvalidInputException;

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

    /** The errors as the problems of a refused request: each error's path is the field. */
    public InvalidInputException asInvalidInput() {
        return new InvalidInputException(errors.stream().map(DescriptorException::problem).toList());
    }

    /** An error ({@code path: reason}) as a problem whose field is the path. */
    public static InvalidInputException.Problem problem(String error) {
        int colon = error.indexOf(": ");
        return colon < 0 ? new InvalidInputException.Problem("(document)", error)
                : new InvalidInputException.Problem(error.substring(0, colon), error.substring(colon + 2));
    }
}
