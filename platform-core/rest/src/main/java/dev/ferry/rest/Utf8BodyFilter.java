package dev.ferry.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.Provider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * JSON bodies are UTF-8, as RFC 8259 says: a body whose Content-Type names another charset is refused (415), and so is
 * one that starts with a byte-order mark (400), rather than read as something the client did not mean.
 */
@Provider
public class Utf8BodyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (type == null || !request.hasEntity() || !type.getSubtype().toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            request.abortWith(ProblemMapper.problem(415, "Unsupported media type", "a JSON body is UTF-8, not " + charset
                    + ": send Content-Type: application/json (or with charset=utf-8)",
                    List.of(Map.of("field", "Content-Type", "reason", "charset " + charset + " is not UTF-8"))));
            return;
        }
        InputStream body = request.getEntityStream();
        if (!body.markSupported()) {
            body = new BufferedInputStream(body);
        }
        body.mark(3);
        byte[] start = body.readNBytes(3);
        body.reset();
        request.setEntityStream(body);
        if (start.length == 3 && (start[0] & 0xff) == 0xEF && (start[1] & 0xff) == 0xBB && (start[2] & 0xff) == 0xBF) {
            request.abortWith(ProblemMapper.problem(400, "Invalid request", "the body starts with a byte-order mark:"
                    + " send UTF-8 JSON without one", List.of(Map.of("field", "(body)", "reason",
                    "starts with a byte-order mark"))));
        }
    }
}
