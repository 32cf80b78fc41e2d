package dev.ferry.engine.camel;

import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultRouteError;
import org.apache.camel.impl.engine.RouteService;

import java.util.HashSet;
import java.util.Set;

/**
 * Ferry's Camel context: Camel's own, except that removing a route costs what the route holds, not what the context
 * holds.
 *
 * <p>Camel removes every route it is about to add (in case one with its id exists) and, before it looks whether it
 * does, gathers the endpoints of every route of the context: so removing a route that does not exist costs nothing
 * here. And to remove a route, Camel gathers the endpoints of every route of the context to find those only the
 * removed route used (walking each route's processors): moving 1,000 registrations to a new version, that took three
 * quarters of the time, in proportion to all the routes running. Here the removed route's endpoints are closed unless
 * another route consumes from one of them. That is exact for Ferry's routes: each has endpoints of its own (its
 * trigger, its {@code ferry:enqueue}, its Quartz timer) except {@code direct:ferry.jobs}, which the job route consumes
 * from; a route that sends to an endpoint no route consumes from and another route sends to as well would need
 * Camel's way.
 */
final class FerryCamelContext extends DefaultCamelContext {

    @Override
    public void stopRoute(String routeId) throws Exception {
        if (getRouteServices().containsKey(routeId)) {
            super.stopRoute(routeId);
        }
    }

    @Override
    public boolean removeRoute(String routeId) throws Exception {
        return removeRoute(routeId, LoggingLevel.INFO);
    }

    @Override
    protected boolean removeRoute(String routeId, LoggingLevel loggingLevel) {
        RouteService routeService = getRouteServices().get(routeId);
        if (routeService == null || !getRouteStatus(routeId).isStopped()) {
            return false;
        }
        DefaultRouteError.reset(this, routeId);
        Set<Endpoint> own = routeService.gatherEndpoints();
        routeService.setRemovingRoutes(true);
        shutdownRouteService(routeService, loggingLevel);
        getRouteServices().remove(routeId);
        getCamelContextExtension().getRouteStartupOrder().removeIf(order -> order.getRoute().getId().equals(routeId));
        Set<Endpoint> consumed = new HashSet<>();
        for (RouteService other : getRouteServices().values()) {
            Route route = other.getRoute();
            if (route != null && route.getEndpoint() != null) {
                consumed.add(route.getEndpoint());
            }
        }
        for (Endpoint endpoint : own) {
            if (!consumed.contains(endpoint)) {
                try {
                    removeEndpoint(endpoint);
                } catch (Exception e) {
                    throw new IllegalStateException("endpoint " + endpoint + " of route " + routeId + " could not be closed", e);
                }
            }
        }
        return true;
    }
}
