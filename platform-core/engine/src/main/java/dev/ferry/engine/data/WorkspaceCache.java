package dev.ferry.engine.data;

import dev.ferry.store.CacheTable;
import dev.ferry.store.DataStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workspace's last known records of each data object, per service: what a read is compared with to label each
 * record inserted, updated or unchanged, and (after a full read) to find what was deleted. Loaded for a run as a
 * {@link CacheIndex}; the run's pages are journalled as they commit and folded into segments when it ends.
 */
public final class WorkspaceCache {

    private final DataStore data;

    public WorkspaceCache(DataStore data) {
        this.data = data;
    }

    CacheIndex open(long scope) {
        CacheTable.Image image = data.inTransaction(c -> CacheTable.load(c, scope));
        int bits = image.segments().isEmpty() ? 0 : image.segments().get(0).bits();
        Map<Integer, byte[]> segments = new LinkedHashMap<>();
        image.segments().forEach(s -> segments.put(s.number(), s.data()));
        List<byte[]> journal = image.journal().stream().map(CacheTable.JournalPage::data).collect(Collectors.toList());
        return CacheIndex.load(bits, segments, journal);
    }

    /**
     * Folds what the run (and earlier runs) changed into the stored segments and drops the journal they now
     * include, once the journal has grown large enough to be worth it.
     */
    void compact(long scope, String workspace, CacheIndex index) {
        if (!index.changed() || !index.worthCompacting()) {
            return;
        }
        CacheIndex.Compacted compacted = index.compact();
        Map<Integer, CacheTable.Segment> segments = new LinkedHashMap<>();
        compacted.segments().forEach((n, bytes) -> segments.put(n,
                new CacheTable.Segment(n, compacted.bits(), compacted.entries().get(n), bytes)));
        data.inTransaction(c -> {
            CacheTable.compact(c, scope, workspace, compacted.replaceAll(), segments, Long.MAX_VALUE);
            return null;
        });
    }
}
