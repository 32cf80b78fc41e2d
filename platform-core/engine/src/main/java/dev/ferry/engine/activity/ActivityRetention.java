package dev.ferry.engine.activity;

import dev.ferry.engine.Settings;
import dev.ferry.platform.api.ActivityService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the activity log to its retention ({@code retention} in {@code etc/dev.ferry.activity.cfg}, an ISO-8601
 * duration such as {@code P400D}; none by default: every entry is kept): a few minutes after start and every six
 * hours after, entries older than that are removed ({@link ActivityService#prune}).
 */
@Component(configurationPid = ActivityRetention.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ActivityRetention {

    static final String PID = "dev.ferry.activity";
    private static final Logger LOG = LoggerFactory.getLogger(ActivityRetention.class);
    private static final Duration FIRST = Duration.ofMinutes(2);
    private static final Duration EVERY = Duration.ofHours(6);

    @Reference
    private ActivityService activity;

    private ScheduledExecutorService timer;

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        stop();
        Duration retention = Settings.read(config, PID, "retention", null, ActivityRetention::duration);
        if (retention == null) {
            LOG.info("The activity log keeps every entry (set retention in etc/{}.cfg to remove old ones)", PID);
            return;
        }
        LOG.info("The activity log keeps entries for {}; older ones are removed every {} h", retention, EVERY.toHours());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-activity-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> prune(retention), FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void prune(Duration retention) {
        try {
            activity.prune(Instant.now().minus(retention), "retention (" + retention + ")");
        } catch (RuntimeException e) {
            LOG.warn("Could not remove old activity entries ({}); trying again in {} h", e.toString(), EVERY.toHours());
        }
    }

    private static Duration duration(String text) {
        if (text.isBlank()) {
            return null;
        }
        Duration d = Duration.parse(text.trim());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a retention is longer than zero");
        }
        return d;
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
