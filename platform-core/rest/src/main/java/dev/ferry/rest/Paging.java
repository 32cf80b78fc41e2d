package dev.ferry.rest;

import dev.ferry.platform.api.InvalidInputException;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor paging, the same on every list: {@code limit} (1 to {@value #MAX}) items at most, and when more follow, a
 * {@code Link: <…&after=CURSOR>; rel="next"} header (and {@code X-Next-Cursor}) whose {@code after} continues the
 * list after the page's last item. The body stays the list itself.
 */
@Provider
public class Paging implements ContainerResponseFilter {

    static final int MAX = 1000;
    private static final String NEXT = "ferry.next-cursor";

    /** A page of a list ordered by a text key (a name, an id): the items after the cursor, at most {@code limit}. */
    static <T> List<T> page(List<T> all, Function<T, String> key, String after, String limit, int fallback) {
        int size = limit(limit, fallback);
        List<T> rest = all.stream().sorted(Comparator.comparing(key))
                .filter(item -> after == null || key.apply(item).compareTo(after) > 0).toList();
        return fetched(rest, size, key);
    }

    /**
     * The page a query limited to {@code size + 1} items gave, cut to {@code size}; when it was full, the next page
     * continues after its last item's key.
     */
    static <T> List<T> fetched(List<T> oneMore, int size, Function<T, String> key) {
        if (oneMore.size() > size) {
            next(key.apply(oneMore.get(size - 1)));
            return oneMore.subList(0, size);
        }
        return oneMore;
    }

    /** A limit as the lists take it: 1 to {@value #MAX}. */
    static int limit(String limit, int fallback) {
        int size = Params.integer("limit", limit, fallback);
        if (size < 1 || size > MAX) {
            throw new InvalidInputException("limit", size + " is not between 1 and " + MAX);
        }
        return size;
    }

    /**
     * A page of a list ordered by number (an id), newest (highest) first or oldest first: the items after the cursor,
     * at most {@code limit}.
     */
    static <T> List<T> pageByNumber(List<T> all, java.util.function.ToLongFunction<T> id, boolean newestFirst,
                                    String after, String limit, int fallback) {
        int size = limit(limit, fallback);
        Long cursor = numericCursor(after);
        Comparator<T> order = Comparator.comparingLong(id);
        List<T> rest = all.stream().sorted(newestFirst ? order.reversed() : order)
                .filter(item -> cursor == null || (newestFirst ? id.applyAsLong(item) < cursor : id.applyAsLong(item) > cursor))
                .toList();
        return fetched(rest, size, item -> String.valueOf(id.applyAsLong(item)));
    }

    /** A numeric cursor ({@code after} of a list ordered by id), or null. */
    static Long numericCursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("after", "'" + ProblemMapper.capped(after) + "' is not a cursor of this list"
                    + " (take the X-Next-Cursor, or the Link, of the page before)");
        }
    }

    private static void next(String cursor) {
        Message message = JAXRSUtils.getCurrentMessage();
        if (message != null) {
            message.getExchange().put(NEXT, cursor);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Message message = JAXRSUtils.getCurrentMessage();
        Object cursor = message == null ? null : message.getExchange().get(NEXT);
        if (cursor == null || response.getStatus() != 200) {
            return;
        }
        String next = request.getUriInfo().getRequestUriBuilder().replaceQueryParam("after", cursor).build().toString();
        response.getHeaders().add("Link", "<" + next + ">; rel=\"next\"");
        response.getHeaders().add("X-Next-Cursor", cursor.toString());
    }
}
