package dev.ferry.engine.camel;

import dev.ferry.store.StoreSchema;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The scheduler as the platform wires it (Camel's Quartz component on the JDBC job store in a migrated Derby store),
 * across restarts: a schedule keeps its next fire time, one that was missed while the platform was down fires once,
 * and a removed registration's schedule leaves nothing behind.
 */
public class QuartzJobStoreTest {

    private static final String NAME = "acme.demo.sync";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private EmbeddedDataSource store;
    private DefaultCamelContext context;
    private QuartzComponent quartz;
    private final List<Date> fired = new CopyOnWriteArrayList<>();

    @Before
    public void migratedStore() throws Exception {
        store = new EmbeddedDataSource();
        store.setDatabaseName("memory:quartz-" + System.nanoTime());
        store.setCreateDatabase("create");
        new StoreSchema(store);
    }

    @After
    public void stop() throws Exception {
        if (context != null) {
            stopPlatform();
        }
    }

    /** As the platform stops: the scheduler in standby, then the CamelContext with its routes and the scheduler. */
    private void stopPlatform() throws Exception {
        QuartzJobStore.standby(quartz);
        context.stop();
    }

    @Test
    public void aRestartKeepsTheNextFireTimeOfASchedule() throws Exception {
        start();
        awaitFires(1); // a new interval schedule fires at once, then every hour
        Date next = trigger().getNextFireTime();
        assertEquals(fired.get(0).getTime() + HOUR, next.getTime());
        assertEquals(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT, trigger().getMisfireInstruction());
        assertEquals(1, count("select count(*) from FERRY_QRTZ_TRIGGERS where TRIGGER_GROUP = 'ferry' and TRIGGER_NAME = '" + NAME + "'"));

        restart();

        assertEquals("the trigger kept its next fire time", next, trigger().getNextFireTime());
        assertEquals("WAITING", state());
        Thread.sleep(1500);
        assertEquals("nothing fired again at start", 0, fired.size());
    }

    /**
     * A schedule added while the scheduler runs (a new registration) fires its first run at once. Quartz may fire a
     * trigger a millisecond or two before its start time, and camel-quartz skips such a fire ("Trigger exists outside
     * StartTime"), so one new registration in fifty lost its first run: the start time lies in the past.
     */
    @Test
    public void everyScheduleAddedWhileTheSchedulerRunsFiresItsFirstRun() throws Exception {
        start();
        awaitFires(1);
        fired.clear();
        int schedules = 200;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < schedules; i++) {
                    from(QuartzJobStore.endpointUri("acme.new" + i + ".sync", null, null, HOUR)).routeId("new" + i)
                            .process(e -> fired.add(new Date()));
                }
            }
        });
        awaitFires(schedules);
        Thread.sleep(500);
        assertEquals("each new schedule fired once", schedules, fired.size());
    }

    @Test
    public void aScheduleMissedWhileThePlatformWasDownFiresOnceAtStart() throws Exception {
        start();
        awaitFires(1);
        stopPlatform();
        fired.clear();
        // the platform was down for three hours: three fires were missed
        long missed = System.currentTimeMillis() - 3 * HOUR;
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update FERRY_QRTZ_TRIGGERS set NEXT_FIRE_TIME = " + missed + " where TRIGGER_NAME = '" + NAME + "'");
        }

        start();
        awaitFires(1);
        Thread.sleep(1500);
        assertEquals("one fire for the missed ones", 1, fired.size());
        long next = trigger().getNextFireTime().getTime();
        assertTrue("then every interval from that fire", Math.abs(next - (fired.get(0).getTime() + HOUR)) < 2000);
    }

    @Test
    public void deletingARegistrationsSchedulesLeavesNoJobOrTrigger() throws Exception {
        start();
        assertEquals(1, QuartzJobStore.deleteJobs(quartz, "acme.demo.", Set.of()));
        assertEquals(0, count("select count(*) from FERRY_QRTZ_TRIGGERS"));
        assertEquals(0, count("select count(*) from FERRY_QRTZ_JOB_DETAILS"));
        assertEquals(0, count("select count(*) from FERRY_QRTZ_SIMPLE_TRIGGERS"));
    }

    @Test
    public void aCronScheduleKeepsItsTimeZoneAndFiresOnceForMissedFires() throws Exception {
        context = new DefaultCamelContext();
        quartz = QuartzJobStore.component(store, "Apache Derby", Map.of());
        context.addComponent("quartz", quartz);
        context.start();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(QuartzJobStore.endpointUri("acme.demo.nightly", "0 30 2 * * ?", "Europe/Amsterdam", 0)).process(e -> fired.add(new Date()));
            }
        });
        CronTrigger cron = (CronTrigger) quartz.getScheduler().getTrigger(new TriggerKey("acme.demo.nightly", QuartzJobStore.GROUP));
        assertEquals("0 30 2 * * ?", cron.getCronExpression());
        assertEquals("Europe/Amsterdam", cron.getTimeZone().getID());
        assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, cron.getMisfireInstruction());
    }

    @Test
    public void derbyAndPostgresqlGetTheirDelegateAndClusteringIsConfiguration() {
        assertEquals("org.quartz.impl.jdbcjobstore.StdJDBCDelegate",
                QuartzJobStore.properties("Apache Derby", Map.of()).getProperty("org.quartz.jobStore.driverDelegateClass"));
        var clustered = QuartzJobStore.properties("PostgreSQL", Map.of("org.quartz.jobStore.isClustered", "true"));
        assertEquals("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", clustered.getProperty("org.quartz.jobStore.driverDelegateClass"));
        assertEquals("true", clustered.getProperty("org.quartz.jobStore.isClustered"));
        assertEquals("AUTO", clustered.getProperty("org.quartz.scheduler.instanceId"));
        assertEquals("FERRY_QRTZ_", clustered.getProperty("org.quartz.jobStore.tablePrefix"));
    }

    /** Starts the platform's side of it: the context with the schedule's route, then the scheduler. */
    private void start() throws Exception {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("ferry");
        quartz = QuartzJobStore.component(store, "Apache Derby", Map.of());
        context.addComponent("quartz", quartz);
        QuartzJobStore.resumeTriggersOfStartedRoutes(context, quartz);
        context.start();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(QuartzJobStore.endpointUri(NAME, null, null, HOUR)).routeId("schedule")
                        .process(e -> fired.add(e.getIn().getHeader("scheduledFireTime", Date.class)));
            }
        });
        QuartzJobStore.start(quartz);
    }

    private void restart() throws Exception {
        stopPlatform(); // the routes stop (pausing the trigger), then the scheduler
        fired.clear();
        start();
    }

    private Trigger trigger() throws Exception {
        Trigger trigger = quartz.getScheduler().getTrigger(new TriggerKey(NAME, QuartzJobStore.GROUP));
        assertNotNull(trigger);
        return trigger;
    }

    private String state() throws Exception {
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select TRIGGER_STATE from FERRY_QRTZ_TRIGGERS where TRIGGER_NAME = '" + NAME + "'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = store.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void awaitFires(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (fired.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue("fired " + fired.size() + " of " + n, fired.size() >= n);
    }
}
