package dev.ferry.engine.activity;

import dev.ferry.store.Activities;
import dev.ferry.store.ActivityEntity;
import dev.ferry.store.LockEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.persistence.LockModeType;

import java.time.Instant;

/**
 * Stores every activity event in the activity log, each entry chained to the one before it by hash: writers take the
 * lock row {@code activity} in turn (on every node of a cluster on one store), so the chain follows the entries' ids.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + ActivityRecorder.TOPIC_PREFIX + "*")
public class ActivityLogWriter implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityLogWriter.class);

    @Reference
    private Store store;

    @Override
    public void handleEvent(Event event) {
        ActivityEntity e = new ActivityEntity();
        e.at = Instant.ofEpochMilli((Long) event.getProperty("timestamp"));
        e.actor = text(event, "actor", "system");
        e.action = text(event, "action", event.getTopic());
        e.productId = text(event, "product", null);
        e.workspace = text(event, "workspace", null);
        e.registrationId = text(event, "registration", null);
        e.summary = truncate(text(event, "summary", e.action), 1000);
        e.before = truncate(text(event, "before", null), Store.TEXT);
        e.after = truncate(text(event, "after", null), Store.TEXT);
        try {
            store.run(em -> {
                lock(em);
                append(em, e);
            });
        } catch (RuntimeException ex) {
            LOG.error("Could not write activity '{}' by {} to the activity log: {}", e.summary, e.actor, ex.toString(), ex);
            throw ex;
        }
    }

    /** Takes the log's lock: one writer at a time, on every node of a cluster, so the chain follows the entries' ids. */
    public static void lock(javax.persistence.EntityManager em) {
        em.find(LockEntity.class, "activity", LockModeType.PESSIMISTIC_WRITE);
    }

    /** Appends an entry to the chain; the caller holds the lock ({@link #lock}). */
    public static void append(javax.persistence.EntityManager em, ActivityEntity e) {
        e.prevHash = Activities.lastHash(em);
        em.persist(e); // its id comes from the sequence now; the hash covers it
        e.entryHash = ActivityChain.hash(e);
    }

    private static String text(Event event, String key, String fallback) {
        Object v = event.getProperty(key);
        return v == null ? fallback : v.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
