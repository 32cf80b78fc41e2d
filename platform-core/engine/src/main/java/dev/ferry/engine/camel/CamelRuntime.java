package dev.ferry.engine.camel;

import dev.ferry.engine.data.DataPath;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.store.DataStore;
import dev.ferry.store.Store;
import dev.ferry.store.StoreSchema;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** The platform's one CamelContext, in which every registration's services, flows and jobs run as routes. */
@Component(service = CamelRuntime.class, configurationPid = QuartzJobStore.PID)
public class CamelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    @Reference
    private Store store;
    @Reference
    private DataStore data;
    @Reference
    private RegistrationResolver resolver;
    @Reference
    private RunLedger ledger;
    @Reference
    private StoreSchema schema;

    private DefaultCamelContext context;
    private QuartzComponent quartz;
    private ProducerTemplate producer;
    private DataPath dataPath;

    @Activate
    void activate(Map<String, Object> config) throws Exception {
        inCamel(() -> {
            context = new FerryCamelContext();
            context.getCamelContextExtension().setName("ferry");
            context.setApplicationContextClassLoader(getClass().getClassLoader());
            FlowLanguages.addJqBuiltins(context);
            context.addComponent("direct", new DirectComponent());
            quartz = QuartzJobStore.component(schema.dataSource(), schema.databaseProduct(), config);
            context.addComponent("quartz", quartz);
            QuartzJobStore.resumeTriggersOfStartedRoutes(context, quartz);
            dataPath = new DataPath(store, data, resolver, ledger);
            context.addComponent("ferry", new FerryComponent(dataPath));
            context.addRoutes(new JobRoute(ledger));
            context.start();
            producer = context.createProducerTemplate();
            return null;
        });
        LOG.info("Ferry's Camel context {} started", context.getVersion());
    }

    @Deactivate
    void deactivate() throws Exception {
        inCamel(() -> {
            QuartzJobStore.standby(quartz);
            producer.close();
            context.stop();
            dataPath.close();
            return null;
        });
    }

    /** Whether the scheduler fires triggers (started and not in standby). */
    public boolean schedulerStarted() {
        try {
            org.quartz.Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
            return scheduler != null && scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (org.quartz.SchedulerException e) {
            return false;
        }
    }

    public CamelContext context() {
        return context;
    }

    /** The data path behind the {@code ferry:} endpoints. */
    public DataPath dataPath() {
        return dataPath;
    }

    public ProducerTemplate producer() {
        return producer;
    }

    /** Camel finds its own parts (languages, Quartz) through the thread's context class loader. */
    public <T> T inCamel(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Starts firing the schedules' triggers: once the registrations' routes they fire into are there. */
    public void startSchedules() throws Exception {
        inCamel(() -> {
            QuartzJobStore.start(quartz);
            return null;
        });
    }

    /** Deletes the Quartz jobs and triggers named with this prefix (a registration's) but for those kept. */
    public int deleteSchedules(String namePrefix, Set<String> keep) throws Exception {
        return inCamel(() -> QuartzJobStore.deleteJobs(quartz, namePrefix, keep));
    }
}
