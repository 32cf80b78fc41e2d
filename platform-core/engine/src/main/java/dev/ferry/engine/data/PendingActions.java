package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actions the flows made of one cache page, per target service, until the page's transaction stores them
 * with the page's cache changes.
 */
public final class PendingActions {

    /** Exchange property that carries it from the cache writer through the flow routes. */
    public static final String PROPERTY = "ferry.pendingActions";

    private final Map<String, ActionPage.Writer> byService = new LinkedHashMap<>();

    ActionPage.Writer forService(String serviceId, DataObject target, String origin) {
        return byService.computeIfAbsent(serviceId + "\u0000" + origin, k -> new ActionPage.Writer(target, origin));
    }

    Map<String, ActionPage.Writer> pages() {
        return byService;
    }

    static String serviceOf(String pageKey) {
        return pageKey.substring(0, pageKey.indexOf('\u0000'));
    }
}
