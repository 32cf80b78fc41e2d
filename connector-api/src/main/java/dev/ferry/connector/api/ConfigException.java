package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration values that do not fit their fields; every problem names its field. */
@ProviderType
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One problem: the field and why. */
    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return "'" + field + "' " + reason;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
