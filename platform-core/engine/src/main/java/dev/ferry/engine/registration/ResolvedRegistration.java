package dev.ferry.engine.registration;

import dev.ferry.engine.descriptor.ProductDescriptor;

import java.util.Map;

/** A registration with its product and connectors at hand: everything a run needs. */
public record ResolvedRegistration(String id, String workspace, ProductDescriptor product,
                                   Map<String, String> config, Map<String, String> features,
                                   Map<String, ResolvedService> services) {

    /** @throws IllegalArgumentException when the product has no such service */
    public ResolvedService service(String serviceId) {
        ResolvedService s = services.get(serviceId);
        if (s == null) {
            throw new IllegalArgumentException("product " + product.id() + " has no service '" + serviceId + "'");
        }
        return s;
    }

    /** Whether the feature a service or flow belongs to is active (parts outside any feature always are). */
    public boolean active(String serviceOrFlowId) {
        return product.featureOf(serviceOrFlowId)
                .map(f -> "active".equals(features.getOrDefault(f.id(), "active")))
                .orElse(true);
    }
}
