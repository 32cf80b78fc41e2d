package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a connection signs its requests in. Its {@code toString} never shows a secret. */
sealed interface Auth {

    /** The secrets this sign-in uses, to be masked in every message. */
    List<String> secrets();

    /** The request URL with what the sign-in adds to it (an API key in the query). */
    default URI sign(URI uri) {
        return uri;
    }

    /** The Authorization or API-key header, if this sign-in sends one; {@code token} is the OAuth2 access token. */
    default Optional<String[]> header(String token) {
        return Optional.empty();
    }

    record None() implements Auth {
        @Override
        public List<String> secrets() {
            return List.of();
        }
    }

    record Basic(String user, String password) implements Auth {
        /** The password, and the header that carries it (base64 is no disguise). */
        @Override
        public List<String> secrets() {
            return List.of(password, basic(user, password).substring("Basic ".length()));
        }

        @Override
        public Optional<String[]> header(String token) {
            return Optional.of(new String[]{"Authorization", basic(user, password)});
        }

        @Override
        public String toString() {
            return "basic as " + user;
        }
    }

    record ApiKey(String name, boolean inQuery, String key) implements Auth {
        @Override
        public List<String> secrets() {
            return List.of(key, URLEncoder.encode(key, StandardCharsets.UTF_8));
        }

        @Override
        public URI sign(URI uri) {
            if (!inQuery) {
                return uri;
            }
            String parameter = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8);
            String s = uri.toString();
            return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + parameter);
        }

        @Override
        public Optional<String[]> header(String token) {
            return inQuery ? Optional.empty() : Optional.of(new String[]{name, key});
        }

        @Override
        public String toString() {
            return "API key in " + (inQuery ? "query parameter " : "header ") + name;
        }
    }

    record Bearer(String token) implements Auth {
        @Override
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public Optional<String[]> header(String ignored) {
            return Optional.of(new String[]{"Authorization", "Bearer " + token});
        }

        @Override
        public String toString() {
            return "bearer token";
        }
    }

    /** OAuth2 client credentials: the access token comes from {@link OAuthTokens}. */
    record OAuth2(URI tokenUrl, String clientId, String clientSecret, String scope) implements Auth {
        @Override
        public List<String> secrets() {
            return List.of(clientSecret);
        }

        @Override
        public Optional<String[]> header(String token) {
            return Optional.of(new String[]{"Authorization", "Bearer " + token});
        }

        @Override
        public String toString() {
            return "OAuth2 client credentials of " + clientId + " from " + tokenUrl;
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The sign-in the settings ask for; each missing or unusable setting is added to {@code problems}. */
    static Auth of(Config c, List<ConfigException.Problem> problems) {
        String kind = c.string(HttpSettings.AUTH, "none").trim();
        List<String> missing = new ArrayList<>();
        Auth auth;
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "none":
                auth = new None();
                break;
            case "basic":
                auth = new Basic(need(c, HttpSettings.USER, missing), need(c, HttpSettings.PASSWORD, missing));
                break;
            case "apikey":
                String where = c.string(HttpSettings.API_KEY_IN, "header").trim().toLowerCase(Locale.ROOT);
                if (!where.equals("header") && !where.equals("query")) {
                    problems.add(new ConfigException.Problem(HttpSettings.API_KEY_IN,
                            "'" + where + "' is not header or query"));
                }
                String name = c.string(HttpSettings.API_KEY_NAME, "X-API-Key").trim();
                if (name.isEmpty() || !name.chars().allMatch(ch -> ch > 32 && ch < 127 && ch != ':')) {
                    problems.add(new ConfigException.Problem(HttpSettings.API_KEY_NAME,
                            "'" + name + "' is not a header or parameter name"));
                }
                auth = new ApiKey(name, where.equals("query"), need(c, HttpSettings.API_KEY, missing));
                break;
            case "bearer":
                auth = new Bearer(need(c, HttpSettings.TOKEN, missing));
                break;
            case "oauth2":
                String url = need(c, HttpSettings.TOKEN_URL, missing);
                URI tokenUrl = url == null ? null : URI.create(url);
                if (tokenUrl != null && !List.of("http", "https").contains(String.valueOf(tokenUrl.getScheme()))) {
                    problems.add(new ConfigException.Problem(HttpSettings.TOKEN_URL,
                            "'" + url + "' is not an http or https URL"));
                }
                auth = new OAuth2(tokenUrl, need(c, HttpSettings.CLIENT_ID, missing),
                        need(c, HttpSettings.CLIENT_SECRET, missing), c.get(HttpSettings.SCOPE).orElse(null));
                break;
            default:
                problems.add(new ConfigException.Problem(HttpSettings.AUTH,
                        "'" + kind + "' is not one of none, basic, apiKey, bearer, oauth2"));
                return new None();
        }
        for (String m : missing) {
            problems.add(new ConfigException.Problem(m, "is required with auth " + kind));
        }
        return auth;
    }

    private static String need(Config c, String name, List<String> missing) {
        Optional<String> value = c.get(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            missing.add(name);
        }
        return value.orElse(null);
    }
}
