package dev.ferry.connector.http;

import com.fasterxml.jackson.core.JsonPointer;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.data.DataObject;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a data object maps onto the API: the resource's path, where a page's items are, how pages follow each other,
 * how an incremental read asks for what changed, and how an update is sent.
 */
record ResourceOptions(String path, JsonPointer items, Pagination pagination, String pageParam, String sizeParam,
                       int pageSize, int firstPage, String offsetParam, String limitParam, String cursorParam,
                       JsonPointer nextCursor, String query, String updatedField, String updatedParam,
                       String updateMethod) {

    /** How the pages of a resource follow each other. */
    enum Pagination {
        /** One request answers everything. */
        NONE,
        /** {@code page=1&size=100}, then page 2, until a page is not full. */
        PAGE,
        /** {@code offset=0&limit=100}, then offset 100, until a page is not full. */
        OFFSET,
        /** {@code limit=100}, then {@code cursor=<token from the answer>}, until the answer has no token. */
        CURSOR,
        /** The {@code Link} header's {@code rel="next"} URL, until there is none. */
        LINK;

        static Pagination of(String raw) {
            for (Pagination p : values()) {
                if (p.name().equalsIgnoreCase(raw.trim())) {
                    return p;
                }
            }
            return null;
        }
    }

    static final String PATH = "path";
    static final String ITEMS = "items";
    static final String PAGINATION = "pagination";
    static final String PAGE_PARAM = "pageParam";
    static final String SIZE_PARAM = "sizeParam";
    static final String PAGE_SIZE = "pageSize";
    static final String FIRST_PAGE = "firstPage";
    static final String OFFSET_PARAM = "offsetParam";
    static final String LIMIT_PARAM = "limitParam";
    static final String CURSOR_PARAM = "cursorParam";
    static final String NEXT_CURSOR = "nextCursor";
    static final String QUERY = "query";
    static final String UPDATED_FIELD = "updatedField";
    static final String UPDATED_PARAM = "updatedParam";
    static final String UPDATE_METHOD = "updateMethod";

    static List<ConfigField> fields() {
        return List.of(
                ConfigField.optional(PATH, ConfigType.STRING, null,
                        "The resource's path below the base URL, e.g. v2/customers; default: the object's name"),
                ConfigField.optional(ITEMS, ConfigType.STRING, "",
                        "JSON pointer to the array of items in an answer, e.g. /data; empty: the answer is the array"),
                ConfigField.optional(PAGINATION, ConfigType.STRING, "none",
                        "How pages follow each other: none, page (page and size), offset (offset and limit), cursor"
                                + " (a token from each answer) or link (the Link header's next URL)"),
                ConfigField.optional(PAGE_PARAM, ConfigType.STRING, "page", "Query parameter of the page number"),
                ConfigField.optional(SIZE_PARAM, ConfigType.STRING, "size",
                        "Query parameter of the page size (pagination page; empty: none is sent)"),
                ConfigField.optional(PAGE_SIZE, ConfigType.INTEGER, "100", "Items asked for a page"),
                ConfigField.optional(FIRST_PAGE, ConfigType.INTEGER, "1", "Number of the first page (0 or 1)"),
                ConfigField.optional(OFFSET_PARAM, ConfigType.STRING, "offset", "Query parameter of the offset"),
                ConfigField.optional(LIMIT_PARAM, ConfigType.STRING, "limit",
                        "Query parameter of the number of items (pagination offset and cursor)"),
                ConfigField.optional(CURSOR_PARAM, ConfigType.STRING, "cursor",
                        "Query parameter that takes the next page's token (pagination cursor)"),
                ConfigField.optional(NEXT_CURSOR, ConfigType.STRING, "/next",
                        "JSON pointer to the next page's token in an answer; none or empty there: the last page"),
                ConfigField.optional(QUERY, ConfigType.STRING, null,
                        "Query parameters sent with every read, e.g. status=active&sort=id"),
                ConfigField.optional(UPDATED_FIELD, ConfigType.STRING, null,
                        "Field holding when an item last changed; with updatedParam, incremental reads ask only for"
                                + " items changed since the newest value seen"),
                ConfigField.optional(UPDATED_PARAM, ConfigType.STRING, null,
                        "Query parameter that filters items changed at or after a value, e.g. updatedAt_gte"),
                ConfigField.optional(UPDATE_METHOD, ConfigType.STRING, "PATCH",
                        "How updates and upserts are sent: PATCH (fields Ferry does not know stay) or PUT (the item"
                                + " is replaced)"));
    }

    /**
     * Reads and checks an object's options.
     *
     * @throws ConfigException naming each option (or key) that cannot be used
     */
    static ResourceOptions of(DataObject object) {
        Config o = object.options();
        List<ConfigException.Problem> problems = new ArrayList<>();
        String path = o.get(PATH).filter(p -> !p.isBlank()).orElse(object.name()).strip();
        if (path.contains("?") || path.contains("#") || path.contains("..") || path.contains("://")) {
            problems.add(new ConfigException.Problem(PATH, "'" + path
                    + "' must be a path below the base URL, without a query (use the 'query' option)"));
        } else if (!parses("http://h/" + encodeSpaces(path))) {
            problems.add(new ConfigException.Problem(PATH, "'" + path + "' is not a URL path"));
        }
        JsonPointer items = pointer(o, ITEMS, "", problems);
        JsonPointer next = pointer(o, NEXT_CURSOR, "/next", problems);
        Pagination pagination = Pagination.of(o.string(PAGINATION, "none"));
        if (pagination == null) {
            problems.add(new ConfigException.Problem(PAGINATION, "'" + o.string(PAGINATION, "")
                    + "' is not one of none, page, offset, cursor, link"));
            pagination = Pagination.NONE;
        }
        int pageSize = (int) HttpSettings.range(o, PAGE_SIZE, 100, 1, 10_000, problems);
        int firstPage = (int) HttpSettings.range(o, FIRST_PAGE, 1, 0, 1, problems);
        String query = o.get(QUERY).map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
        if (query != null && (query.startsWith("?") || !parses("http://h/p?" + query))) {
            problems.add(new ConfigException.Problem(QUERY, "'" + query
                    + "' is not a query string such as a=1&b=x (without the leading ?; encode spaces as %20)"));
        }
        String updatedField = o.get(UPDATED_FIELD).filter(s -> !s.isBlank()).orElse(null);
        String updatedParam = o.get(UPDATED_PARAM).filter(s -> !s.isBlank()).orElse(null);
        if (updatedField != null && object.field(updatedField).isEmpty()) {
            problems.add(new ConfigException.Problem(UPDATED_FIELD, "'" + updatedField + "' is not a field of '"
                    + object.name() + "'"));
        }
        if ((updatedField == null) != (updatedParam == null)) {
            problems.add(new ConfigException.Problem(updatedField == null ? UPDATED_FIELD : UPDATED_PARAM,
                    "is needed with " + (updatedField == null ? UPDATED_PARAM : UPDATED_FIELD)
                            + ": incremental reads need both"));
        }
        String updateMethod = o.string(UPDATE_METHOD, "PATCH").strip().toUpperCase(Locale.ROOT);
        if (!updateMethod.equals("PATCH") && !updateMethod.equals("PUT")) {
            problems.add(new ConfigException.Problem(UPDATE_METHOD, "'" + updateMethod + "' is not PATCH or PUT"));
        }
        if (object.primaryKey().size() != 1) {
            problems.add(new ConfigException.Problem("primaryKey", "an item is addressed as <path>/<key>, so '"
                    + object.name() + "' needs a key of one field, not " + object.primaryKey()));
        }
        List<String> params = new ArrayList<>();
        for (String name : List.of(PAGE_PARAM, SIZE_PARAM, OFFSET_PARAM, LIMIT_PARAM, CURSOR_PARAM)) {
            String value = o.string(name, defaultOf(name)).strip();
            if (value.isEmpty() && !name.equals(SIZE_PARAM)) {
                problems.add(new ConfigException.Problem(name, "is empty"));
            }
            params.add(value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ResourceOptions(path.startsWith("/") ? path.substring(1) : path, items, pagination,
                params.get(0), params.get(1), pageSize, firstPage, params.get(2), params.get(3), params.get(4), next,
                query, updatedField, updatedParam, updateMethod);
    }

    /** The resource's URL with the object's query and these parameters (names and values encoded here). */
    URI collection(HttpSettings settings, String... parameters) {
        StringBuilder q = new StringBuilder(query == null ? "" : query);
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            if (parameters[i].isEmpty()) {
                continue;
            }
            q.append(q.length() == 0 ? "" : "&").append(encode(parameters[i])).append('=')
                    .append(encode(parameters[i + 1]));
        }
        URI base = settings.resolve(encodeSpaces(path));
        return q.length() == 0 ? base : URI.create(base + "?" + q);
    }

    /** The resource's URL for writes: without the read's query. */
    URI resource(HttpSettings settings) {
        return settings.resolve(encodeSpaces(path));
    }

    /** The URL of one item: the resource's path, then its key. */
    URI item(HttpSettings settings, Object key) {
        String k = encode(String.valueOf(key)).replace("+", "%20");
        return settings.resolve(encodeSpaces(path) + "/" + k);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encodeSpaces(String path) {
        return path.replace(" ", "%20");
    }

    private static String defaultOf(String name) {
        return switch (name) {
            case PAGE_PARAM -> "page";
            case SIZE_PARAM -> "size";
            case OFFSET_PARAM -> "offset";
            case LIMIT_PARAM -> "limit";
            default -> "cursor";
        };
    }

    private static boolean parses(String uri) {
        try {
            URI.create(uri);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonPointer pointer(Config o, String name, String fallback, List<ConfigException.Problem> problems) {
        String raw = o.string(name, fallback).strip();
        try {
            return JsonPointer.compile(raw);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(name, "'" + raw + "' is not a JSON pointer (e.g. /data/items)"));
            return JsonPointer.empty();
        }
    }
}
