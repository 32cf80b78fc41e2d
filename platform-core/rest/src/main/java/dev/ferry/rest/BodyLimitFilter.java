package dev.ferry.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A request body is at most {@value #MAX_BYTES} bytes (a product descriptor is the largest anyone sends): a larger one
 * is refused with 413 before it is parsed, whether it says its length or not. Runs after authentication, so only a
 * signed-in caller makes the server hold a body.
 */
@Provider
@Priority(Priorities.USER - 100)
public class BodyLimitFilter implements ContainerRequestFilter {

    static final int MAX_BYTES = 4 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        if (request.getLength() > MAX_BYTES) {
            request.abortWith(tooLarge(request.getLength() + " bytes"));
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            request.abortWith(tooLarge("more than " + MAX_BYTES + " bytes"));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private static javax.ws.rs.core.Response tooLarge(String size) {
        return ProblemMapper.problem(413, "Payload too large", "the body is " + size + "; at most " + MAX_BYTES
                + " bytes (4 MiB) are read", List.of(Map.of("field", "(body)", "reason", "is larger than 4 MiB")));
    }
}
