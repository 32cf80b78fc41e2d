package dev.ferry.rest;

import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.ExternalSystemException;
import dev.ferry.platform.api.FerryException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NotFoundException;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Refused requests as RFC 9457 problem details: what was wrong, and for bad input, which field and why. */
@Provider
public class ProblemMapper implements ExceptionMapper<FerryException> {

    static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

    @Override
    public Response toResponse(FerryException e) {
        int status = e instanceof NotFoundException ? 404 : e instanceof ConflictException ? 409
                : e instanceof ExternalSystemException ? 502 : 400;
        String title = e instanceof NotFoundException ? "Not found" : e instanceof ConflictException ? "Conflict"
                : e instanceof ExternalSystemException ? "External system failed" : "Invalid request";
        List<Map<String, String>> problems = e instanceof InvalidInputException i
                ? i.problems().stream().map(ProblemMapper::problem).collect(Collectors.toList())
                : List.of();
        return problem(status, title, e.getMessage(), problems);
    }

    /** A text cut to {@link #MAX_TEXT} characters, saying how much was left out. */
    static String capped(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "… (" + (text.length() - MAX_TEXT) + " more characters)";
    }

    /**
     * A problem with its field and reason; a field that is a path into the request body ({@code flows[0].stages[1]})
     * also as the JSON pointer {@code /flows/0/stages/1}.
     */
    private static Map<String, String> problem(InvalidInputException.Problem p) {
        if (!p.field().matches("[A-Za-z_$][A-Za-z0-9_$.\\[\\]-]*")) {
            return Map.of("field", p.field(), "reason", p.reason());
        }
        String pointer = "/" + p.field().replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", p.field());
        m.put("pointer", pointer);
        m.put("reason", p.reason());
        return m;
    }

    /** The longest text of a problem: messages quote what was sent, and a client may send megabytes. */
    static final int MAX_TEXT = 1000;
    /** The most problems listed; the count of the rest is said. */
    static final int MAX_PROBLEMS = 100;

    static Response problem(int status, String title, String detail, List<Map<String, String>> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", capped(detail));
        if (!problems.isEmpty()) {
            List<Map<String, String>> listed = new java.util.ArrayList<>();
            for (Map<String, String> p : problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))) {
                Map<String, String> capped = new LinkedHashMap<>();
                p.forEach((k, v) -> capped.put(k, capped(v)));
                listed.add(capped);
            }
            if (problems.size() > MAX_PROBLEMS) {
                listed.add(Map.of("field", "(more)", "reason", (problems.size() - MAX_PROBLEMS) + " more problem(s) not listed"));
            }
            body.put("problems", listed);
        }
        return Response.status(status).type(PROBLEM).entity(body).build();
    }
}
