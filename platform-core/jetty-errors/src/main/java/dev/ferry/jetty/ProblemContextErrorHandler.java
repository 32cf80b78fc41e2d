package dev.ferry.jetty;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error handler of each servlet context ({@code etc/jetty-web.xml}): an error no servlet wrote a body for (such
 * as pax-web's 404 for a path no servlet serves) as problem+json. Error pages a web application maps still apply;
 * pax-web expects an {@link ErrorPageErrorHandler} here.
 */
public class ProblemContextErrorHandler extends ErrorPageErrorHandler {

    public ProblemContextErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        Problems.write(response, code, message);
    }
}
