package dev.ferry.engine.camel;

import dev.ferry.engine.data.CacheEvent;
import dev.ferry.engine.data.CacheEventBus;
import dev.ferry.engine.data.PendingActions;
import dev.ferry.engine.run.RunProgress;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One {@code ferry:} endpoint; see {@link FerryComponent}. */
public class FerryEndpoint extends DefaultEndpoint {

    enum Kind {
        READ, EVENTS, ENQUEUE, PROCESS, FLOW;

        static Kind of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ferry:" + name + " is not an endpoint (read, events, enqueue, process or flow)");
            }
        }
    }

    private final FerryComponent component;
    private final Kind kind;
    private final String registration;
    private final String service;
    private final String flow;
    /** An events endpoint of a close-out flow: the flow whose ended actions it takes. */
    private final String closes;
    private final Set<CacheEvent.Kind> events;

    FerryEndpoint(String uri, FerryComponent component, Kind kind, String registration, String service, String flow,
                  String closes, Set<CacheEvent.Kind> events) {
        super(uri, component);
        this.component = component;
        this.kind = kind;
        this.registration = registration;
        this.service = service;
        this.flow = flow;
        this.closes = closes;
        this.events = events;
    }

    @Override
    public Producer createProducer() {
        if (kind == Kind.EVENTS) {
            throw new IllegalArgumentException("ferry:events can only be consumed from");
        }
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                RunProgress run = FerryComponent.run(exchange);
                switch (kind) {
                    case READ -> {
                        run.step(service);
                        component.dataPath().read(registration, service, run);
                    }
                    case PROCESS -> {
                        run.step(service);
                        component.dataPath().process(registration, service, run);
                    }
                    case FLOW -> {
                        run.step(flow);
                        component.dataPath().runOnDemand(registration, flow, run);
                    }
                    default -> {
                        @SuppressWarnings("unchecked")
                        List<CacheEvent> body = exchange.getIn().getMandatoryBody(List.class);
                        PendingActions pending = exchange.getProperty(PendingActions.PROPERTY, PendingActions.class);
                        if (pending == null) {
                            throw new IllegalStateException("ferry:enqueue runs in a flow that a page of records triggered");
                        }
                        component.dataPath().enqueue(registration, flow, body, run, pending);
                    }
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        if (kind != Kind.EVENTS) {
            throw new IllegalArgumentException("only ferry:events can be consumed from");
        }
        return new EventsConsumer(this, processor);
    }

    /** Receives the cache events of one service and runs its route on them, on the publisher's thread. */
    final class EventsConsumer extends DefaultConsumer {

        EventsConsumer(FerryEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        /**
         * What it listens to ({@link FerryComponent#source}): the registration's service's changes, the ended actions
         * of a flow, or the records its own flow's run on demand hands it.
         */
        String source() {
            if (closes != null) {
                return FerryComponent.source(registration, CacheEventBus.closeOuts(closes));
            }
            if (events.contains(CacheEvent.Kind.CURRENT)) {
                return FerryComponent.source(registration, CacheEventBus.onDemand(flow));
            }
            return FerryComponent.source(registration, service);
        }

        void deliver(List<CacheEvent> all, RunProgress run, PendingActions pending) {
            List<CacheEvent> wanted = all.stream().filter(e -> events.contains(e.kind())).collect(Collectors.toList());
            if (wanted.isEmpty()) {
                return;
            }
            Exchange exchange = createExchange(false);
            exchange.setProperty(FerryComponent.RUN, run);
            exchange.setProperty(PendingActions.PROPERTY, pending);
            exchange.getIn().setBody(wanted);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                throw RuntimeCamelException.wrapRuntimeException(exchange.getException());
            }
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            component.subscribe(this);
        }

        @Override
        protected void doStop() throws Exception {
            component.unsubscribe(this);
            super.doStop();
        }
    }
}
