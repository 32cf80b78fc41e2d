package dev.ferry.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.util.List;
import java.util.Optional;

/**
 * Reads a resource page by page. With {@code updatedField} and {@code updatedParam}, the cursor is the newest
 * {@code updatedField} value seen, in the API's own text, and an incremental read asks for the items changed at or
 * after it (so the items at exactly that time come again, unchanged, rather than being missed).
 */
final class ResourceReader implements CacheWriter {

    private final ApiConnections connections;

    ResourceReader(ApiConnections connections) {
        this.connections = connections;
    }

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        ResourceOptions options = ResourceOptions.of(object);
        ApiConnection api = connections.of(context.connection());
        Optional<String> given = context.mode() == ReadMode.INCREMENTAL ? context.cursor() : Optional.empty();
        Newest newest = options.updatedField() == null ? null : new Newest(options.updatedField());
        Pages pages = new Pages(api, options, newest == null ? null : given.orElse(null));
        String key = object.primaryKey().get(0);
        Pages.Page page;
        while ((page = pages.next()) != null) {
            List<JsonNode> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String location = page.request() + " item " + (i + 1);
                if (!item.isObject()) {
                    context.reject(location, "is " + item.getNodeType().name().toLowerCase() + ", not a JSON object");
                    continue;
                }
                DataRecord record;
                try {
                    record = object.toRecord(JsonValues.of(item, object));
                } catch (IllegalArgumentException e) {
                    JsonNode id = item.get(key);
                    context.reject(id == null || id.isNull() ? location : location + " (" + key + " " + id + ")",
                            e.getMessage());
                    continue;
                }
                if (newest != null) {
                    newest.see(item, record);
                }
                if (!context.emit(record)) {
                    // stopped part-way: the items after these were not seen, so the next read starts where this one did
                    return newest == null ? Optional.empty() : given;
                }
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        return newest.text != null ? Optional.of(newest.text) : given;
    }

    /** The newest value of the updated field, compared as its type, kept as the API wrote it. */
    private static final class Newest {
        private final String field;
        private Comparable<Object> value;
        private String text;

        Newest(String field) {
            this.field = field;
        }

        @SuppressWarnings("unchecked")
        void see(JsonNode item, DataRecord record) {
            Object v = record.get(field);
            if (v instanceof Comparable<?> c && (value == null || value.compareTo(v) < 0)) {
                value = (Comparable<Object>) c;
                text = item.get(field).asText();
            }
        }
    }
}
