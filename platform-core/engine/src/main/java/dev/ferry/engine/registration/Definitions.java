package dev.ferry.engine.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.ConfigDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FeatureDef;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.JobDef;
import dev.ferry.engine.descriptor.ProductDescriptor.ServiceDef;
import dev.ferry.engine.json.RecordJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Content hashes of what a registration runs: its product version's definition with the workspace's flow-template
 * copies in place. A registration keeps the hash of each part (config, feature, service, flow, job) it was synced
 * to, so it can say which parts changed since.
 */
public final class Definitions {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS); // Map.copyOf iterates in no fixed order

    private Definitions() {
    }

    /** Each part's hash by name ({@code flow orders-out}), in the descriptor's order. */
    public static Map<String, String> parts(ProductDescriptor d) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (ConfigDef c : d.configs()) {
            parts.put("config " + c.name(), hash(c));
        }
        for (FeatureDef f : d.features()) {
            parts.put("feature " + f.id(), hash(f));
        }
        for (ServiceDef s : d.services()) {
            parts.put("service " + s.id(), hash(s));
        }
        for (FlowDef f : d.flows()) {
            parts.put("flow " + f.id(), hash(f));
        }
        for (JobDef j : d.jobs()) {
            parts.put("job " + j.id(), hash(j));
        }
        return parts;
    }

    /** The hash of the whole definition: its product, version and parts. */
    public static String hash(String product, String version, Map<String, String> parts) {
        StringBuilder all = new StringBuilder(product).append(' ').append(version).append('\n');
        parts.forEach((name, hash) -> all.append(name).append('=').append(hash).append('\n'));
        return RecordJson.sha256(all.toString());
    }

    /** What differs between the parts a registration was synced to and those of now: {@code flow x changed}. */
    public static List<String> differences(Map<String, String> synced, Map<String, String> now) {
        List<String> why = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(synced.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String before = synced.get(name);
            String after = now.get(name);
            if (before == null) {
                why.add(name + " added");
            } else if (after == null) {
                why.add(name + " removed");
            } else if (!before.equals(after)) {
                why.add(name + " changed");
            }
        }
        return why;
    }

    /** The parts as stored with a registration. */
    public static String write(Map<String, String> parts) {
        try {
            return JSON.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parts stored by {@link #write}; empty for null. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> read(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(stored, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition parts cannot be read: " + e.getMessage(), e);
        }
    }

    /** A short hash of one part as canonical JSON. */
    static String hash(Object part) {
        try {
            return RecordJson.sha256(JSON.writeValueAsString(part)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
