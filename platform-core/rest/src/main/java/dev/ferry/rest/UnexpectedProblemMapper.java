package dev.ferry.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

import java.util.List;

/**
 * Everything else as problem details too: JAX-RS's own errors keep their status (404 for an unknown path, 405 ...),
 * anything unexpected is a 500 whose details go to the log, not to the client.
 */
@Provider
public class UnexpectedProblemMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedProblemMapper.class);

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof WebApplicationException w && w.getResponse().hasEntity()) {
            return w.getResponse();
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return ProblemMapper.problem(status, w.getResponse().getStatusInfo().getReasonPhrase(), w.getMessage(), List.of());
        }
        LOG.error("REST request failed unexpectedly: {}", e.toString(), e);
        return ProblemMapper.problem(500, "Internal error", "the request failed unexpectedly; the platform's log has the details",
                List.of());
    }
}
