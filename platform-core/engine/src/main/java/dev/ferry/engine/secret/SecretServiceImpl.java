package dev.ferry.engine.secret;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.platform.api.SecretService;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Registrations;
import dev.ferry.store.RolloutTargetEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rotates the key of secret configs: a new key first (the old one kept in the key file), every secret value of every
 * registration (and of the rollouts that may move one back) re-encrypted under it in one transaction, then the old key
 * forgotten. A rotation cut short leaves both keys in the file, so nothing becomes unreadable.
 */
@Component(service = SecretService.class)
public class SecretServiceImpl implements SecretService {

    private static final Logger LOG = LoggerFactory.getLogger(SecretServiceImpl.class);

    @Reference
    private Store store;
    @Reference
    private SecretBox box;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private ActivityRecorder activity;

    @Override
    public synchronized Rotation rotate(String actor) {
        Map<String, Optional<ProductDescriptor>> products = new HashMap<>();
        store.inTransaction(Registrations::productVersions).forEach(pv -> products.put(pv[0] + "@" + pv[1],
                catalog.descriptor((String) pv[0], (String) pv[1])));
        String key = box.addKey();
        int values = store.inTransaction(em -> {
            int n = 0;
            for (RegistrationEntity r : Registrations.list(em, null)) {
                Optional<ProductDescriptor> d = products.getOrDefault(r.productId + "@" + r.productVersion, Optional.empty());
                Map<String, String> again = new LinkedHashMap<>();
                r.config.forEach((name, value) -> {
                    boolean secret = SecretBox.sealed(value) || d.flatMap(p -> p.config(name))
                            .map(ProductDescriptor.ConfigDef::effectiveSecret).orElse(false);
                    if (secret && box.stale(value)) {
                        again.put(name, box.seal(box.open(value)));
                    }
                });
                r.config.putAll(again);
                n += again.size();
            }
            for (RolloutTargetEntity t : em.createQuery("select t from RolloutTargetEntity t", RolloutTargetEntity.class)
                    .getResultList()) {
                Map<String, Object> before = RecordJson.read(t.beforeState);
                if (before.get("config") instanceof Map<?, ?> config) {
                    Map<String, Object> sealed = new LinkedHashMap<>();
                    config.forEach((name, value) -> sealed.put(String.valueOf(name), value instanceof String s
                            && SecretBox.sealed(s) ? box.seal(box.open(s)) : value));
                    before.put("config", sealed);
                    t.beforeState = RecordJson.write(before);
                }
            }
            return n;
        });
        box.forgetOldKeys();
        LOG.info("Secret configs are encrypted under a new key {} ({} value(s) encrypted again); the old key is forgotten",
                key, values);
        activity.record(new Activity("secrets.rotated", actor, null, null, null, "secret configs re-encrypted under new key "
                + key + " (" + values + " value(s))", null, null));
        return new Rotation(key, values);
    }
}
