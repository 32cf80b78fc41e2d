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

    private static String serviceOf(String pageKey) {
        return pageKey.substring(0, pageKey.indexOf('\u0000'));
    }

    /** A page of actions for one target, encoded to be stored. */
    record Encoded(String target, int count, byte[] data) {
    }

    /** The pages that hold actions, encoded. */
    java.util.List<Encoded> encoded() {
        java.util.List<Encoded> out = new java.util.ArrayList<>();
        byService.forEach((k, page) -> {
            if (page.count() > 0) {
                out.add(new Encoded(serviceOf(k), page.count(), page.toBytes()));
            }
        });
        return out;
    }

    /**
     * Stores the actions in the caller's transaction, each page in its target's queue ({@code scopes}: target
     * service → its scope, made before the transaction began).
     */
    static void store(java.sql.Connection c, java.util.List<Encoded> pages, Map<String, Long> scopes, String workspace,
                      long runId) throws java.sql.SQLException {
        for (Encoded page : pages) {
            dev.ferry.store.ActionPageTable.append(c, scopes.get(page.target()), workspace, runId, page.count(), page.data());
        }
    }

    /** The flow that queued actions of this origin ({@code <registration>/<service> via flow F …}), or null. */
    static String flowOf(String origin) {
        int at = origin == null ? -1 : origin.lastIndexOf(VIA_FLOW);
        return at < 0 ? null : origin.substring(at + VIA_FLOW.length());
    }

    /** What an action's origin says after where its record came from: the flow that queued it. */
    static final String VIA_FLOW = " via flow ";
}
