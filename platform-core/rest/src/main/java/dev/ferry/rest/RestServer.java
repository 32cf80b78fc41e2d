package dev.ferry.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.ferry.platform.api.ActionService;
import dev.ferry.platform.api.ActivityService;
import dev.ferry.platform.api.ProductService;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.RunService;
import dev.ferry.platform.api.RunStatus;
import dev.ferry.platform.api.WorkspaceService;
import dev.ferry.platform.api.WorkspaceType;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Serves the REST API under CXF's servlet context ({@code /ferry}, set in PID {@code org.apache.cxf.osgi}) at
 * {@code /ferry/api}. Every call authenticates with HTTP Basic against Karaf's {@code karaf} JAAS realm
 * ({@code etc/users.properties}); the user is the actor the activity log records. Reading takes the viewer,
 * operator, manager or admin role, and each change the role its method names ({@link RoleFilter}, {@link Roles}).
 * A workspace's API token ({@code Authorization: Bearer}) reaches that workspace only ({@link ScopeFilter}).
 */
@Component(immediate = true)
public class RestServer {

    static final String ADDRESS = "/api";
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    @Reference
    private WorkspaceService workspaces;
    @Reference
    private ProductService products;
    @Reference
    private RegistrationService registrations;
    @Reference
    private RunService runs;
    @Reference
    private ActivityService activity;
    @Reference
    private ActionService actions;
    @Reference
    private dev.ferry.platform.api.WorkspaceFlowService workspaceFlows;
    @Reference
    private dev.ferry.platform.api.ProductBuilderService builder;
    @Reference
    private dev.ferry.platform.api.RolloutService rollouts;
    @Reference
    private dev.ferry.platform.api.SecretService secrets;
    @Reference
    private dev.ferry.platform.api.HealthService health;
    @Reference
    private dev.ferry.platform.api.ConnectorService connectors;
    @Reference
    private dev.ferry.platform.api.MetricsService metrics;
    @Reference
    private dev.ferry.platform.api.TokenService tokens;
    /** Failed logins, kept while the REST server runs. */
    private final LoginThrottle throttle = new LoginThrottle(java.time.Clock.systemUTC());

    private Server server;
    private Server unserved;

    @Activate
    void activate(org.osgi.framework.BundleContext context) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JAXRSServerFactoryBean.class.getClassLoader());
        try {
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(BusFactory.getDefaultBus(true));
            factory.setAddress(ADDRESS);
            // no entry in CXF's service list page
            factory.setProperties(Map.of("org.apache.cxf.endpoint.private", true));
            factory.setServiceBeans(List.of(
                    new ProductsResource(products, builder, registrations),
                    new SchemasResource(products),
                    new SharedFlowsResource(products),
                    new ConnectorsResource(connectors),
                    new WorkspacesResource(workspaces, workspaceFlows, tokens),
                    new RegistrationsResource(registrations, runs, actions),
                    new RunsResource(runs),
                    new RolloutsResource(rollouts),
                    new SecretsResource(secrets),
                    new HealthResource(health),
                    new OpenApiResource(context.getBundle().getVersion().toString()),
                    new MetricsResource(metrics),
                    new ActivityResource(activity)));
            factory.setProviders(List.of(new JacksonJsonProvider(mapper()), new ProblemMapper(), new JsonProblemMapper(),
                    new UnexpectedProblemMapper(), new Paging(), new Authentication(throttle, tokens), new RoleFilter(), new ScopeFilter(), new BodyLimitFilter(),
                    new Utf8BodyFilter(), noWadl()));
            server = factory.create();
            JAXRSServerFactoryBean rest = new JAXRSServerFactoryBean();
            rest.setBus(factory.getBus());
            rest.setAddress("/");
            rest.setProperties(Map.of("org.apache.cxf.endpoint.private", true));
            rest.setServiceBeans(List.of(new Unserved()));
            rest.setProviders(List.of(new JacksonJsonProvider(mapper()), new Unserved.Refusal()));
            unserved = rest.create();
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("Ferry REST API is served at /ferry{}", ADDRESS);
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.destroy();
        }
        if (unserved != null) {
            unserved.destroy();
        }
    }

    static ObjectMapper mapper() {
        SimpleModule labels = new SimpleModule("ferry-labels");
        // enums as the lower-case labels the shell and the descriptors use
        labels.addSerializer(WorkspaceType.class, new LowerCaseEnumSerializer<>(WorkspaceType.class));
        labels.addSerializer(RunStatus.class, new LowerCaseEnumSerializer<>(RunStatus.class));
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(labels)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        strict(mapper);
        return mapper;
    }

    /**
     * A value of the wrong JSON type is refused, not coerced: {@code {"name": 123}} does not make a workspace "123",
     * {@code {"config": {"inbox": 5}}} is no path, {@code "true"} is no boolean.
     */
    static void strict(JsonMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    /** CXF would answer {@code ?_wadl} before authentication; this generator leaves such requests alone. */
    private static WadlGenerator noWadl() {
        WadlGenerator wadl = new WadlGenerator();
        wadl.setIgnoreRequests(true);
        return wadl;
    }
}
