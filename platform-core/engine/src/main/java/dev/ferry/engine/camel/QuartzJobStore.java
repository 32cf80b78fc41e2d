package dev.ferry.engine.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.Job;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.PropertySettingJobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The registrations' schedules in Quartz's JDBC job store ({@code JobStoreTX}) in the platform's own database (tables
 * {@code FERRY_QRTZ_*}, made by the store's migrations), so triggers and their next fire times outlive a restart.
 *
 * <p>Ferry's defaults can be overridden by any {@code org.quartz.*} key in the configuration {@value #PID}; clustering
 * on PostgreSQL is {@code org.quartz.jobStore.isClustered=true} there (instance ids then default to {@code AUTO}).
 */
public final class QuartzJobStore {

    /** The configuration PID whose {@code org.quartz.*} keys override Ferry's Quartz settings. */
    public static final String PID = "dev.ferry.scheduler";
    /** The Quartz group of every registration's trigger and job; the name is {@code <workspace>.<product>.<job>}. */
    public static final String GROUP = "ferry";
    static final String TABLE_PREFIX = "FERRY_QRTZ_";
    /** The name the job store knows the platform's data source by. */
    static final String DATA_SOURCE = "ferry";
    /** Later than this a fire counts as missed (misfired) and the trigger's misfire instruction applies. */
    static final long MISFIRE_THRESHOLD_MS = 10_000;
    /** {@code SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT}: fire once now, then every
     * interval from now. */
    static final int INTERVAL_MISFIRE = 2;
    /** {@code CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}: fire once now, then at the next cron time. */
    static final int CRON_MISFIRE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(QuartzJobStore.class);

    private QuartzJobStore() {
    }

    /**
     * The URI of a schedule's Quartz endpoint. The trigger outlives its route ({@code deleteJob=false}): taking a
     * registration's routes down (stop of the platform, a connector or product going away) pauses its trigger and keeps
     * its next fire time; the route's start resumes it ({@link #resumeTriggersOfStartedRoutes}).
     *
     * @param name     the trigger's name in {@link #GROUP}
     * @param cron     a cron expression, or null for an interval
     * @param zone     the cron expression's time zone
     * @param interval milliseconds between fires, when there is no cron expression
     */
    public static String endpointUri(String name, String cron, String zone, long interval) {
        String uri = "quartz://" + GROUP + "/" + name + "?stateful=true&deleteJob=false&";
        if (cron != null) {
            return uri + "cron=" + encode(cron) + "&trigger.timeZone=" + encode(zone) + "&trigger.misfireInstruction=" + CRON_MISFIRE;
        }
        return uri + "trigger.repeatInterval=" + interval + "&trigger.repeatCount=-1&trigger.misfireInstruction=" + INTERVAL_MISFIRE;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Camel's Quartz component on the JDBC job store. Its scheduler does not start with the CamelContext: {@link
     * #start} starts it once the registrations' routes are there, so a trigger due at start finds its route.
     */
    public static QuartzComponent component(DataSource dataSource, String databaseProduct, Map<String, ?> config) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PlatformConnections(dataSource));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(properties(databaseProduct, config));
        quartz.setPrefixInstanceName(false); // the instance name is the scheduler's name in the tables: keep it stable
        quartz.setAutoStartScheduler(false);
        return quartz;
    }

    /**
     * Ferry's Quartz settings for this database, overridden by the {@code org.quartz.*} keys of the configuration. A job
     * holds its Quartz thread while it runs, so the pool bounds how many jobs run at once.
     */
    static Properties properties(String databaseProduct, Map<String, ?> config) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "ferry");
        p.setProperty("org.quartz.scheduler.instanceId", "NON_CLUSTERED");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "10");
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", TABLE_PREFIX);
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegateFor(databaseProduct));
        p.setProperty("org.quartz.jobStore.useProperties", "true"); // job data as strings, not serialized Java objects
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        p.setProperty("org.quartz.jobStore.isClustered", "false");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
        config.forEach((key, value) -> {
            if (key.startsWith("org.quartz.") && value != null) {
                p.setProperty(key, value.toString().trim());
            }
        });
        boolean clustered = Boolean.parseBoolean(p.getProperty("org.quartz.jobStore.isClustered"));
        if (clustered && !config.containsKey("org.quartz.scheduler.instanceId")) {
            p.setProperty("org.quartz.scheduler.instanceId", "AUTO"); // each node its own
        }
        return p;
    }

    static String delegateFor(String databaseProduct) {
        if (databaseProduct != null && databaseProduct.toLowerCase(Locale.ROOT).contains("postgres")) {
            return PostgreSQLDelegate.class.getName();
        }
        return StdJDBCDelegate.class.getName(); // Derby (Quartz 2.5 has no Derby delegate of its own)
    }

    /**
     * Resumes a schedule's trigger when its route starts: camel-quartz pauses a trigger when its route stops, and a
     * new endpoint for the same trigger (the route made again after a restart or redeploy) does not resume it.
     */
    public static void resumeTriggersOfStartedRoutes(CamelContext context, QuartzComponent quartz) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws SchedulerException {
                if (event instanceof CamelEvent.RouteStartedEvent started
                        && started.getRoute().getEndpoint() instanceof QuartzEndpoint endpoint && quartz.getScheduler() != null) {
                    quartz.getScheduler().resumeTrigger(endpoint.getTriggerKey());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.RouteStartedEvent;
            }
        });
    }

    /** Starts firing triggers (and recovers jobs a crash interrupted); call when the routes they fire into are there. */
    public static void start(QuartzComponent quartz) throws SchedulerException {
        Scheduler scheduler = quartz.getScheduler();
        if (scheduler != null && !scheduler.isStarted()) {
            scheduler.setJobFactory(new NotBeforeStartJobFactory());
            scheduler.start();
            LOG.info("Quartz scheduler started on its JDBC job store: {} trigger(s) of schedules", scheduler.getTriggerKeys(
                    GroupMatcher.triggerGroupEquals(GROUP)).size());
        }
        quartz.setAutoStartScheduler(true); // routes added from now on find it started
    }

    /**
     * Stops firing triggers before Camel shuts the scheduler down. Shutting down interrupts Quartz's scheduler thread,
     * and embedded Derby closes a connection whose thread is interrupted in a query: parked first, the thread is not.
     */
    public static void standby(QuartzComponent quartz) throws SchedulerException {
        Scheduler scheduler = quartz.getScheduler();
        if (scheduler != null && scheduler.isStarted() && !scheduler.isShutdown()) {
            scheduler.standby();
        }
    }

    /** Deletes the jobs, and their triggers, whose names start with the prefix, but for those kept; returns how many. */
    public static int deleteJobs(QuartzComponent quartz, String namePrefix, Set<String> keep) throws SchedulerException {
        Scheduler scheduler = quartz.getScheduler();
        if (scheduler == null) {
            return 0;
        }
        int deleted = 0;
        for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (job.getName().startsWith(namePrefix) && !keep.contains(job.getName()) && scheduler.deleteJob(job)) {
                LOG.info("Deleted the schedule {}", job);
                deleted++;
            }
        }
        return deleted;
    }

    /** The platform's pooled data source as Quartz's; Quartz must not close the pool when it shuts down. */
    private record PlatformConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }

    /**
     * Quartz's job factory, but a fire is never earlier than its trigger's start time. Quartz fires a trigger when it is
     * less than 2 ms away, so a new trigger's first fire (Camel starts it half a second after the route) could be a
     * millisecond before its start time, and camel-quartz skips such a fire ("Trigger exists outside StartTime"): one
     * new registration in fifty lost its first run. The fire time is the bundle's own {@code Date}, read when the job's
     * context is made, after the job.
     */
    static final class NotBeforeStartJobFactory extends PropertySettingJobFactory {

        @Override
        public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
            Date start = bundle.getTrigger().getStartTime();
            Date fired = bundle.getFireTime();
            if (start != null && fired != null && fired.before(start)) {
                fired.setTime(start.getTime());
            }
            return super.newJob(bundle, scheduler);
        }
    }
}
