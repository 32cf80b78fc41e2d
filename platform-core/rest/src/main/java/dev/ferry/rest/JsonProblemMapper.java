package dev.ferry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON expected: which field, and why, in the API's words (never a Java class).
 */
@Provider
public class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                : "(body)";
        String reason = reason(e);
        return ProblemMapper.problem(400, "Invalid request", "the request body is not valid: " + field + ": " + reason,
                List.of(Map.of("field", field, "reason", reason)));
    }

    static String reason(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return "is not a field here" + (known == null || known.isEmpty() ? ""
                    : " (the fields are " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            String value = String.valueOf(f.getValue());
            return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "' is not one of "
                    + java.util.Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "does not fit here";
        }
        String message = String.valueOf(e.getOriginalMessage());
        return "is not JSON: " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    /** What a JSON value of this type looks like, to a REST client. */
    private static String expected(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "text (a JSON string)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (a JSON array)";
        }
        return "an object (a JSON object)";
    }
}
