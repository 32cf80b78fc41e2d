package dev.ferry.engine.camel;

import dev.ferry.engine.data.DataPath;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.store.DataStore;
import dev.ferry.store.Store;
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

import java.util.Properties;
import java.util.concurrent.Callable;

/** The platform's one CamelContext, in which every registration's services, flows and jobs run as routes. */
@Component(service = CamelRuntime.class)
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

    private DefaultCamelContext context;
    private ProducerTemplate producer;
    private DataPath dataPath;

    @Activate
    void activate() throws Exception {
        inCamel(() -> {
            context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("ferry");
            context.setApplicationContextClassLoader(getClass().getClassLoader());
            context.addComponent("direct", new DirectComponent());
            QuartzComponent quartz = new QuartzComponent();
            quartz.setProperties(quartzProperties());
            context.addComponent("quartz", quartz);
            dataPath = new DataPath(store, data, resolver, ledger);
            context.addComponent("ferry", new FerryComponent(dataPath));
            context.addRoutes(new FerryRouteTemplates(ledger));
            context.start();
            producer = context.createProducerTemplate();
            return null;
        });
        LOG.info("Ferry's Camel context {} started", context.getVersion());
    }

    @Deactivate
    void deactivate() throws Exception {
        inCamel(() -> {
            producer.close();
            context.stop();
            dataPath.close();
            return null;
        });
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

    /**
     * In memory for one node; the clustered JDBC job store comes with cluster mode. A job holds its Quartz thread
     * while it runs, so the pool bounds how many jobs run at once.
     */
    private static Properties quartzProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "ferry");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "10");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }
}
