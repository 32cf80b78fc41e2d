package dev.ferry.engine.data;

import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.store.CacheValueTable;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the workspace cache keeps of the records of services that flows look records up in (a lookup stage
 * names them): written with the cache's own changes, read by key. A record's values are stored in its object's
 * field order, without names.
 */
public final class CacheValues {

    private final DataPath path;

    CacheValues(DataPath path) {
        this.path = path;
    }

    /** A record's values as stored: each field of the object in order. */
    static byte[] encode(DataObject object, Map<String, Object> values) {
        Bytes out = new Bytes(256);
        out.putVarint(object.fields().size());
        for (FieldSpec f : object.fields()) {
            RecordCodec.write(out, values.get(f.name()));
        }
        return out.toArray();
    }

    /** Stored values back as a record of the object as it is now (a field added since reads as null). */
    static Map<String, Object> decode(DataObject object, byte[] data) {
        Bytes.Reader in = new Bytes.Reader(data);
        int stored = (int) in.getVarint();
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldSpec> fields = object.fields();
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i).name(), i < stored ? RecordCodec.read(in) : null);
        }
        return values;
    }

    static long keyHash(String key) {
        return CacheIndex.keyHash(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The records of a registration's service with these keys, as far as its cache holds them: key → values.
     * Keys it does not hold are absent.
     */
    public Map<String, Map<String, Object>> find(ResolvedRegistration reg, String serviceId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        ResolvedService svc = reg.service(serviceId);
        long scope = path.scope(reg, serviceId);
        Map<Long, String> byHash = new HashMap<>();
        for (String key : keys) {
            byHash.put(keyHash(key), key);
        }
        Map<Long, CacheValueTable.Value> stored = path.data.inTransaction(c -> CacheValueTable.find(c, scope, byHash.keySet()));
        Map<String, Map<String, Object>> found = new HashMap<>();
        stored.forEach((hash, value) -> {
            if (value.key().equals(byHash.get(hash))) { // another key with the same hash is not this one
                found.put(value.key(), decode(svc.object(), value.data()));
            }
        });
        return found;
    }
}
