package dev.ferry.jetty;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class ProblemsTest {

    @Test
    public void aReasonIsEscapedAndCut() {
        String json = Problems.json(400, "bad \"uri\" <script>\u0000" + "x".repeat(1000));
        assertTrue(json, json.startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\""));
        assertTrue(json, json.contains("bad \\\"uri\\\" \\u003cscript\\u003e\\u0000"));
        assertFalse(json.contains("<script>"));
        assertTrue(json.length() < 600);
    }

    @Test
    public void statusesSayWhatHappened() {
        assertEquals("the URI is too long for the HTTP server", Problems.detail(414, "URI Too Long"));
        assertTrue(Problems.detail(404, null).contains("/ferry/api/docs"));
        assertTrue(Problems.detail(400, "Ambiguous segment").endsWith(": Ambiguous segment"));
    }
}
