package dev.ferry.connector.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of messages: a JDBC URL can carry one as a parameter or as user info. */
final class Redaction {

    private static final String MASK = "***";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)=)([^;&]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*):([^/@]*)@");

    private Redaction() {
    }

    /** The URL with any password replaced by {@code ***}. */
    static String url(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1:" + MASK + "@");
    }

    /** The passwords a connection uses: the configured one and any written into the URL. */
    static List<String> secrets(String url, String password) {
        List<String> secrets = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        for (Pattern pattern : List.of(PASSWORD_PARAMETER, USER_INFO)) {
            Matcher matcher = pattern.matcher(url);
            while (matcher.find()) {
                if (!matcher.group(2).isEmpty()) {
                    secrets.add(matcher.group(2));
                }
            }
        }
        return secrets;
    }

    /** A driver message with the secrets masked, should the driver echo one. */
    static String message(String message, List<String> secrets) {
        String masked = message == null ? "" : message;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
