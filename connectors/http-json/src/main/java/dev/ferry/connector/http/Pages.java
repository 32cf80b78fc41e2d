package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.ConnectorException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages of one read of a resource, requested one after the other as the object's pagination says. A read ends
 * at an empty page, at a page without a next token or link, or when the API answers the same page twice (it
 * ignores the paging parameters: reading on would never end).
 */
final class Pages {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*\"?([^\";]*)\"?");

    /** One page: the request that fetched it, for messages, and its items. */
    record Page(String request, List<JsonNode> items) {
    }

    private final ApiConnection api;
    private final ResourceOptions options;
    private final String[] since;
    private int number;
    private long offset;
    private String token;
    private URI nextLink;
    private byte[] previousBody;
    private final Set<String> seen = new HashSet<>();
    private boolean done;

    /** @param since the lower bound of an incremental read, or null for everything */
    Pages(ApiConnection api, ResourceOptions options, String since) {
        this.api = api;
        this.options = options;
        this.since = since == null ? new String[0] : new String[]{options.updatedParam(), since};
        this.number = options.firstPage();
    }

    /** The next page, or null when the read is complete. */
    Page next() throws ConnectorException {
        if (done) {
            return null;
        }
        URI uri = uri();
        ApiConnection.Answer answer = api.call("GET", uri, null);
        JsonNode body = answer.json();
        JsonNode array = body.at(options.items());
        if (!array.isArray()) {
            throw new ConnectorException("unexpected_answer", answer.request() + " answered JSON without an array at '"
                    + options.items() + "'" + keysOf(body) + "; set the object's 'items' option to the array's JSON"
                    + " pointer", false, null);
        }
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        if (items.isEmpty()) {
            done = true;
        } else {
            advance(answer, body, uri, items.size());
        }
        return new Page(answer.request(), items);
    }

    private URI uri() {
        HttpSettings settings = api.settings();
        switch (options.pagination()) {
            case PAGE:
                return options.collection(settings, with(options.pageParam(), Integer.toString(number),
                        options.sizeParam(), Integer.toString(options.pageSize())));
            case OFFSET:
                return options.collection(settings, with(options.offsetParam(), Long.toString(offset),
                        options.limitParam(), Integer.toString(options.pageSize())));
            case CURSOR:
                return token == null
                        ? options.collection(settings, with(options.limitParam(), Integer.toString(options.pageSize())))
                        : options.collection(settings, with(options.limitParam(), Integer.toString(options.pageSize()),
                        options.cursorParam(), token));
            case LINK:
                return nextLink != null ? nextLink : options.collection(settings, with());
            default:
                return options.collection(settings, with());
        }
    }

    /** The page's parameters, then the incremental bound. */
    private String[] with(String... parameters) {
        String[] all = Arrays.copyOf(parameters, parameters.length + since.length);
        System.arraycopy(since, 0, all, parameters.length, since.length);
        return all;
    }

    private void advance(ApiConnection.Answer answer, JsonNode body, URI uri, int items) throws ConnectorException {
        switch (options.pagination()) {
            case PAGE:
            case OFFSET:
                if (previousBody != null && Arrays.equals(previousBody, answer.body())) {
                    throw new ConnectorException("pagination_ignored", answer.request()
                            + " answered the same items as the page before: the API does not page by '"
                            + (options.pagination() == ResourceOptions.Pagination.PAGE ? options.pageParam()
                            : options.offsetParam()) + "'; check the object's pagination options", false, null);
                }
                previousBody = answer.body();
                number++;
                // the API may cap a page below the size asked: the next page starts after what came
                offset += items;
                break;
            case CURSOR:
                JsonNode next = body.at(options.nextCursor());
                String nextToken = next.isValueNode() && !next.isNull() ? next.asText() : "";
                if (nextToken.isEmpty()) {
                    done = true;
                } else if (!seen.add(nextToken)) {
                    throw new ConnectorException("pagination_loop", answer.request() + " gave a next-page token it"
                            + " gave before: reading on would never end", false, null);
                }
                token = nextToken;
                break;
            case LINK:
                nextLink = nextLink(answer, uri);
                if (nextLink == null) {
                    done = true;
                } else if (!seen.add(nextLink.toString())) {
                    throw new ConnectorException("pagination_loop", answer.request() + " links to a page read before"
                            + " as next: reading on would never end", false, null);
                }
                break;
            default:
                done = true;
        }
    }

    /** The {@code rel="next"} URL of the answer's Link header, on the API's own host only. */
    private URI nextLink(ApiConnection.Answer answer, URI current) throws ConnectorException {
        for (String header : answer.headers().allValues("Link")) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find() && Arrays.asList(rel.group(1).toLowerCase(Locale.ROOT).split("\\s+")).contains("next")) {
                    URI next;
                    try {
                        next = current.resolve(link.group(1).trim());
                    } catch (IllegalArgumentException e) {
                        throw new ConnectorException("unexpected_answer", answer.request()
                                + " links to a next page that is not a URL: " + link.group(1), false, null);
                    }
                    URI base = api.settings().baseUrl();
                    if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                            || next.getPort() != base.getPort()) {
                        throw new ConnectorException("link_elsewhere", answer.request() + " links to its next page on "
                                + next.getScheme() + "://" + next.getHost() + (next.getPort() == -1 ? "" : ":" + next.getPort())
                                + ", not the connection's host: not followed, so credentials stay with the API",
                                false, null);
                    }
                    return next;
                }
            }
        }
        return null;
    }

    private static String keysOf(JsonNode body) {
        if (!body.isObject()) {
            return " (it answered " + body.getNodeType().name().toLowerCase(Locale.ROOT) + ")";
        }
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        return " (its keys: " + String.join(", ", keys.subList(0, Math.min(keys.size(), 10))) + ")";
    }
}
