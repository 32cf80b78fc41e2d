package dev.ferry.engine.activity;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place every change goes through on its way to the activity log: it posts an Event Admin event on
 * {@code dev/ferry/activity/<action>}, which {@link ActivityLogWriter} (and anyone else) receives. Delivery is
 * synchronous, so the entry is stored when the change's call returns.
 */
@Component(service = ActivityRecorder.class)
public class ActivityRecorder {

    public static final String TOPIC_PREFIX = "dev/ferry/activity/";

    @Reference
    private EventAdmin eventAdmin;

    public ActivityRecorder() {
    }

    /** For use outside OSGi (tests). */
    public ActivityRecorder(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    public void record(Activity activity) {
        Map<String, Object> props = new HashMap<>();
        put(props, "action", activity.action());
        put(props, "actor", activity.actor());
        put(props, "product", activity.product());
        put(props, "workspace", activity.workspace());
        put(props, "registration", activity.registration());
        put(props, "summary", activity.summary());
        put(props, "before", activity.before());
        put(props, "after", activity.after());
        props.put("timestamp", System.currentTimeMillis());
        eventAdmin.sendEvent(new Event(TOPIC_PREFIX + activity.action().replace('.', '/'), props));
    }

    private static void put(Map<String, Object> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
