package dev.ferry.platform.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input that does not fit; each problem names its field and why. */
public class InvalidInputException extends FerryException {
    private static final long serialVersionUID = 1L;

    /** One problem: which field, and why. */
    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String reason) {
        this(List.of(new Problem(field, reason)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
