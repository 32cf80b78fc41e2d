package dev.ferry.connector.http;

import java.util.List;

/** Keeps secrets out of messages: an API may echo a key or a token, and a URL may carry one in its query. */
final class Redact {

    static final String MASK = "***";

    private Redact() {
    }

    static String all(String text, List<String> secrets) {
        String masked = text == null ? "" : text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
