package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.store.CacheRecordEntity;
import dev.ferry.store.Store;

import javax.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A workspace's last known records of a data object. Writing a page of records labels each one inserted, updated
 * or unchanged (by a hash of its values) and stores what changed; after a full read, what was not seen is deleted.
 */
public final class WorkspaceCache {

    /** The longest record key the cache stores (the column's length). */
    static final int MAX_KEY = 1000;

    /** What a page (or a sweep) changed: the events to pass on, and how many records were unchanged. */
    public record Changes(List<CacheEvent> events, long unchanged) {
        public long count(CacheEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }
    }

    /** Takes records the cache cannot hold (a key or values too long to store). */
    public interface Rejects {
        void reject(String location, String reason);
    }

    /** Writes a page of records read by a service in the caller's transaction. */
    public Changes write(EntityManager em, ResolvedRegistration reg, ResolvedService svc, List<DataRecord> page, long runId,
                         Rejects rejects) {
        String origin = reg.id() + "/" + svc.id();
        Map<String, DataRecord> byKey = new LinkedHashMap<>();
        for (DataRecord r : page) {
            String key = RecordJson.key(svc.object().keyOf(r));
            if (key.length() > MAX_KEY) {
                rejects.reject("record " + key.substring(0, 40) + "…", "its key is longer than " + MAX_KEY + " characters");
            } else {
                byKey.put(key, r); // the last of duplicates in a page wins
            }
        }
        Map<String, CacheRecordEntity> known = em.createQuery(
                        "select c from CacheRecordEntity c where c.registrationId = :r and c.serviceId = :s and c.recordKey in :keys",
                        CacheRecordEntity.class)
                .setParameter("r", reg.id()).setParameter("s", svc.id()).setParameter("keys", byKey.keySet())
                .getResultStream().collect(Collectors.toMap(c -> c.recordKey, Function.identity()));
        Instant now = Instant.now();
        List<CacheEvent> events = new ArrayList<>();
        long unchanged = 0;
        for (Map.Entry<String, DataRecord> e : byKey.entrySet()) {
            String json = RecordJson.write(e.getValue().values());
            if (json.length() > Store.TEXT) {
                rejects.reject("record " + e.getKey(), "its values take " + json.length() + " characters as JSON; at most "
                        + Store.TEXT + " can be stored");
                continue;
            }
            String hash = RecordJson.sha256(json);
            CacheRecordEntity c = known.get(e.getKey());
            if (c == null) {
                c = new CacheRecordEntity();
                c.workspace = reg.workspace();
                c.registrationId = reg.id();
                c.serviceId = svc.id();
                c.recordKey = e.getKey();
                fill(c, json, hash, runId, now);
                em.persist(c);
                events.add(new CacheEvent(CacheEvent.Kind.INSERTED, e.getKey(), e.getValue().values(), origin));
            } else if (!c.hash.equals(hash)) {
                fill(c, json, hash, runId, now);
                events.add(new CacheEvent(CacheEvent.Kind.UPDATED, e.getKey(), e.getValue().values(), origin));
            } else {
                unchanged++;
                if (svc.mode() == ReadMode.FULL) {
                    c.lastSeenRun = runId;
                }
            }
        }
        return new Changes(events, unchanged);
    }

    /**
     * After a full read: removes up to {@code limit} records the read did not see and returns them as deletions.
     * Call until it returns none.
     */
    public Changes sweep(EntityManager em, ResolvedRegistration reg, ResolvedService svc, long runId, int limit) {
        String origin = reg.id() + "/" + svc.id();
        List<CacheRecordEntity> gone = em.createQuery(
                        "select c from CacheRecordEntity c where c.registrationId = :r and c.serviceId = :s and c.lastSeenRun <> :run",
                        CacheRecordEntity.class)
                .setParameter("r", reg.id()).setParameter("s", svc.id()).setParameter("run", runId)
                .setMaxResults(limit).getResultList();
        List<CacheEvent> events = new ArrayList<>();
        for (CacheRecordEntity c : gone) {
            events.add(new CacheEvent(CacheEvent.Kind.DELETED, c.recordKey, RecordJson.read(c.data), origin));
            em.remove(c);
        }
        return new Changes(events, 0);
    }

    private static void fill(CacheRecordEntity c, String json, String hash, long runId, Instant now) {
        c.data = json;
        c.hash = hash;
        c.lastSeenRun = runId;
        c.updatedAt = now;
    }
}
