package dev.ferry.engine.descriptor;

import java.util.Optional;

/** Compiles a flow stage's expression when a descriptor is read, so a syntax error is a descriptor error. */
@FunctionalInterface
public interface ExpressionCheck {

    /** Checks nothing: for reading a descriptor where no expression language is at hand. */
    ExpressionCheck NONE = (language, text, predicate) -> Optional.empty();

    /**
     * @param language  {@code simple} or {@code jq}
     * @param predicate whether it is a filter's (compiled as a predicate)
     * @return why the expression is not valid, or empty
     */
    Optional<String> problem(String language, String text, boolean predicate);
}
