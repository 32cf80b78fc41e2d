package dev.ferry.jetty;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP server's own error handler ({@code etc/jetty.xml}): what Jetty refuses before any servlet sees the
 * request (a URI too long, {@code %00} or {@code ..;} in it, bad headers) and a path outside every context, as
 * problem+json instead of an HTML page, whatever the client accepts.
 */
public class ProblemErrorHandler extends ErrorHandler {

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.TYPE);
        return BufferUtil.toBuffer(Problems.json(status, reason), StandardCharsets.UTF_8);
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        Problems.write(response, code, message);
    }
}
