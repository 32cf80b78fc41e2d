package dev.ferry.jetty;

import org.eclipse.jetty.http.HttpStatus;

import javax.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** RFC 9457 problem details, written as Ferry's REST API writes them. */
final class Problems {
    static final String TYPE = "application/problem+json";
    /** The longest detail: Jetty's reasons may quote what was sent. */
    private static final int MAX_DETAIL = 300;

    private Problems() {
    }

    static String json(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = detail(status, reason);
        return "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\""
                + escape(detail) + "\"}";
    }

    static void write(HttpServletResponse response, int status, String reason) throws IOException {
        byte[] body = json(status, reason).getBytes(StandardCharsets.UTF_8);
        response.setContentType(TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** What the HTTP server refused, in a user's words; Jetty's own reason when it gives one. */
    static String detail(int status, String reason) {
        String why = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? null : reason;
        String said = switch (status) {
            case 404 -> "nothing is served at this path (Ferry's REST API is under /ferry/api, its description at"
                    + " /ferry/api/docs)";
            case 414 -> "the URI is too long for the HTTP server";
            case 431 -> "the request's headers are too large for the HTTP server";
            case 400 -> "the HTTP server could not read the request (a malformed or ambiguous URI, or bad headers)";
            case 405 -> "this method is not allowed here";
            default -> "the HTTP server refused the request";
        };
        String text = why == null ? said : said + ": " + why;
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
