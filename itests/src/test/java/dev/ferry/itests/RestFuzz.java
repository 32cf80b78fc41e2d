package dev.ferry.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Malformed and hostile requests to every resource of the REST API, sent over a plain socket (so nothing between the
 * test and the server cleans them up), each with what the refusal must say. {@link #check} holds what every refusal
 * must be: a 4xx, problem+json naming the cause, bounded in size, naming no internal class.
 */
final class RestFuzz {

    /** One request; {@code expect} is text the problem must contain (a field, a cause), or null for none. */
    record Case(String kind, String method, String target, String contentType, byte[] body, String authorization,
                Map<String, String> headers, int status, String expect) {
        Case expecting(int status, String expect) {
            return new Case(kind, method, target, contentType, body, authorization, headers, status, expect);
        }

        @Override
        public String toString() {
            String shown = target.length() > 80 ? target.substring(0, 80) + "…" : target;
            return kind + ": " + method + " " + shown + (body == null ? "" : " (" + body.length + " bytes"
                    + (body.length < 100 ? ": " + new String(body, StandardCharsets.UTF_8) : "") + ")");
        }
    }

    /** What came back. */
    record Answer(int status, String contentType, String body) {
    }

    /** The largest refusal allowed: its texts are cut, whatever was sent. */
    static final int MAX_PROBLEM_BYTES = 160_000;
    /** Internals a refusal must not name: classes (a package, then a capital), stack frames, HTML pages. */
    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "\\b(dev\\.ferry|java|javax|org\\.apache|org\\.eclipse|com\\.fasterxml)\\.[a-z0-9.]*[A-Z]|Exception|<html|<HTML|<pre>|\\bat [a-z]+\\.[a-z]+\\.");

    private final int port;
    private final List<Case> cases = new ArrayList<>();
    private String kind;
    private String authorization;

    RestFuzz(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    List<Case> cases() {
        return cases;
    }

    RestFuzz kind(String kind) {
        this.kind = kind;
        return this;
    }

    RestFuzz as(String authorization) {
        this.authorization = authorization;
        return this;
    }

    Case add(String method, String target, String contentType, byte[] body, int status, String expect) {
        return add(method, target, contentType, body, Map.of(), status, expect);
    }

    Case add(String method, String target, String contentType, byte[] body, Map<String, String> headers, int status,
             String expect) {
        Case c = new Case(kind, method, target.startsWith("/") ? target : "/ferry/api/" + target, contentType, body,
                authorization, headers, status, expect);
        cases.add(c);
        return c;
    }

    Case json(String method, String path, String json, int status, String expect) {
        return add(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), status, expect);
    }

    Case get(String path, int status, String expect) {
        return add("GET", path, null, null, status, expect);
    }

    /** Sends a request over a fresh connection, exactly as written. */
    Answer send(Case c) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            StringBuilder h = new StringBuilder();
            h.append(c.method()).append(' ').append(c.target()).append(" HTTP/1.1\r\n");
            h.append("Host: localhost:").append(port).append("\r\n");
            h.append("Accept: application/json\r\nConnection: close\r\n");
            if (c.authorization() != null) {
                h.append("Authorization: ").append(c.authorization()).append("\r\n");
            }
            if (c.contentType() != null) {
                h.append("Content-Type: ").append(c.contentType()).append("\r\n");
            }
            c.headers().forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
            if (c.body() != null) {
                h.append("Content-Length: ").append(c.body().length).append("\r\n");
            } else if (!c.method().equals("GET") && !c.method().equals("DELETE")) {
                h.append("Content-Length: 0\r\n");
            }
            h.append("\r\n");
            head.write(h.toString().getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (c.body() != null) {
                try {
                    out.write(c.body());
                } catch (IOException refusedEarly) {
                    // the server may answer (413) and close before reading a large body: its answer is still there
                }
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers.getOrDefault("content-type", ""), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** What is wrong with a refusal, or null when it is as it must be. */
    static String check(Case c, Answer a) {
        List<String> wrong = new ArrayList<>();
        if (a.status() < 400 || a.status() > 499) {
            wrong.add("status " + a.status() + " is not a 4xx");
        }
        if (c.status() != 0 && a.status() != c.status()) {
            wrong.add("status " + a.status() + ", not " + c.status());
        }
        if (!a.contentType().startsWith("application/problem+json")) {
            wrong.add("Content-Type '" + a.contentType() + "' is not application/problem+json");
        }
        if (!a.body().contains("\"status\":" + a.status()) || !a.body().contains("\"detail\":\"")) {
            wrong.add("no problem with its status and detail");
        }
        if (a.body().getBytes(StandardCharsets.UTF_8).length > MAX_PROBLEM_BYTES) {
            wrong.add("the problem is " + a.body().length() + " characters long");
        }
        java.util.regex.Matcher internal = INTERNALS.matcher(a.body());
        if (internal.find()) {
            wrong.add("it names '" + internal.group() + "'");
        }
        if (c.expect() != null && !a.body().contains(c.expect())) {
            wrong.add("it does not say '" + c.expect() + "'");
        }
        if (wrong.isEmpty()) {
            return null;
        }
        String shown = a.body().length() > 400 ? a.body().substring(0, 400) + "…" : a.body();
        return c + " → " + String.join("; ", wrong) + ": " + shown;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
