package dev.ferry.engine.flow;

import org.apache.camel.Processor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Camel processors product bundles offer to flows' {@code processor} stages: OSGi services of type
 * {@link Processor} with the service property {@value #NAME_PROPERTY} naming them. They come and go with their
 * bundles; a stage looks its processor up for every page, so a processor that comes back is used at once, and a
 * page that meets none fails its step (nothing is lost: the next run reads the records again).
 *
 * <pre>
 * &#64;Component(service = Processor.class, property = "ferry.processor=contacts.normalize-phone")
 * public class NormalizePhone implements Processor { … }
 * </pre>
 */
@Component(service = FlowProcessors.class)
public class FlowProcessors {

    /** The service property that names a processor in descriptors. */
    public static final String NAME_PROPERTY = "ferry.processor";

    private static final Logger LOG = LoggerFactory.getLogger(FlowProcessors.class);

    /** Per name, every bound processor in bind order; the first is in use. */
    private final Map<String, List<Processor>> processors = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + NAME_PROPERTY + "=*)")
    void bindProcessor(Processor processor, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(NAME_PROPERTY));
        List<Processor> bound = processors.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        bound.add(processor);
        if (bound.get(0) == processor) {
            LOG.info("Flow processor '{}' is available ({})", name, processor.getClass().getName());
        } else {
            LOG.warn("Flow processor '{}' ({}) stands by: another processor of that name is in use", name,
                    processor.getClass().getName());
        }
    }

    void unbindProcessor(Processor processor, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(NAME_PROPERTY));
        List<Processor> bound = processors.getOrDefault(name, List.of());
        if (bound.remove(processor) && bound.isEmpty()) {
            LOG.info("Flow processor '{}' was removed; flows that use it fail their runs until it is back", name);
        }
    }

    /** The processor in use under a name, if one is registered. */
    public Optional<Processor> get(String name) {
        return processors.getOrDefault(name, List.of()).stream().findFirst();
    }

    /** A lookup over a fixed map, for tests and tools outside OSGi. */
    public static FlowProcessors of(Map<String, Processor> fixed) {
        FlowProcessors registry = new FlowProcessors();
        fixed.forEach((name, p) -> registry.bindProcessor(p, Map.of(NAME_PROPERTY, name)));
        return registry;
    }
}
