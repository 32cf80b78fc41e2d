package dev.ferry.connector.http;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The data the http-json tests read and write, and the objects and settings that describe it. */
final class Fixtures {

    static final Instant FIRST_UPDATE = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** {@code n} customers with ids 1..n, one minute apart in {@code updatedAt}, each with a field Ferry does not declare. */
    static String customers(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            json.append(i == 1 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"Customer ").append(i)
                    .append("\",\"score\":").append(i).append(".5,\"active\":").append(i % 2 == 0)
                    .append(",\"updatedAt\":\"").append(FIRST_UPDATE.plusSeconds(60L * i))
                    .append("\",\"tags\":[\"t").append(i % 3).append("\"],\"vip\":").append(i % 5 == 0).append('}');
        }
        return json.append(']').toString();
    }

    /** The customer object over the declared fields (not vip), with these options (pairs of name and value). */
    static DataObject customers(String... options) {
        return DataObject.builder("customers")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .field(new FieldSpec("score", FieldType.DECIMAL, false))
                .field(new FieldSpec("active", FieldType.BOOLEAN, false))
                .field(new FieldSpec("updatedAt", FieldType.TIMESTAMP, false))
                .field(new FieldSpec("tags", FieldType.STRING, false))
                .primaryKey("id").options(config(options)).build();
    }

    static Config connection(String baseUrl, String... settings) {
        Map<String, String> all = new HashMap<>(config(settings).asMap());
        all.put(HttpSettings.BASE_URL, baseUrl);
        return Config.of(all);
    }

    static Config config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return Config.of(values);
    }
}
