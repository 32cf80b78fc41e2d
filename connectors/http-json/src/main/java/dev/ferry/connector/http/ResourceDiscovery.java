package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the resources an API lists at the connection's discovery path: an object whose arrays are resources (as
 * json-server's {@code /db} answers), or one array. Fields and their types come from the first items.
 */
final class ResourceDiscovery {

    /** How many items of each resource are looked at for fields. */
    static final int SAMPLED = 20;
    static final int MAX_OBJECTS = 500;

    private ResourceDiscovery() {
    }

    static List<DiscoveredObject> discover(ApiConnection api) throws ConnectorException {
        String path = api.settings().discoveryPath();
        if (path == null) {
            return List.of();
        }
        ApiConnection.Answer answer = api.call("GET", api.settings().resolve(path), null);
        JsonNode body = answer.json();
        List<DiscoveredObject> found = new ArrayList<>();
        if (body.isArray()) {
            String[] segments = path.replaceAll("/+$", "").split("/");
            found.add(object(segments[segments.length - 1], path, body));
        } else if (body.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext() && found.size() < MAX_OBJECTS; ) {
                Map.Entry<String, JsonNode> resource = it.next();
                if (resource.getValue().isArray()) {
                    found.add(object(resource.getKey(), resource.getKey(), resource.getValue()));
                }
            }
        } else {
            throw new ConnectorException("unexpected_answer", answer.request() + " answered neither an object of"
                    + " resources nor an array; check the connection's discoveryPath", false, null);
        }
        return found;
    }

    private static DiscoveredObject object(String name, String path, JsonNode items) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        int sampled = 0;
        for (JsonNode item : items) {
            if (sampled++ == SAMPLED) {
                break;
            }
            item.fields().forEachRemaining(f -> {
                FieldType seen = fields.get(f.getKey());
                if (seen == null || (seen == FieldType.STRING && !f.getValue().isNull())) {
                    fields.put(f.getKey(), JsonValues.typeOf(f.getValue()));
                }
            });
        }
        DiscoveredObject.Builder object = DiscoveredObject.builder(HttpJsonConnector.MODULE, name)
                .description(items.size() + " item(s) at " + path).option(ResourceOptions.PATH, path);
        boolean hasId = fields.containsKey("id");
        fields.forEach((field, type) -> object.field(new FieldSpec(field, type, hasId && field.equals("id"))));
        if (hasId) {
            object.primaryKey(List.of("id"));
        }
        return object.build();
    }
}
