package dev.ferry.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as JSON in the cache and the action queue: dates as ISO-8601, decimals exact, keys and hashes. */
public final class RecordJson {

    /** Enums in lower case, as the REST API and the shell write them (read in any case, as older states have them). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final com.fasterxml.jackson.databind.module.SimpleModule LOWER_CASE_ENUMS =
            new com.fasterxml.jackson.databind.module.SimpleModule("lower-case-enums").addSerializer(Enum.class,
                    new com.fasterxml.jackson.databind.ser.std.StdSerializer<Enum>(Enum.class) {
                        @Override
                        public void serialize(Enum value, JsonGenerator gen,
                                              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                            gen.writeString(value.name().toLowerCase(java.util.Locale.ROOT));
                        }
                    });

    public static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(LOWER_CASE_ENUMS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private RecordJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A value of a type Ferry stored as JSON. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array, e.g. a composite record key. */
    public static List<Object> readList(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored key is not a JSON array: " + e.getOriginalMessage(), e);
        }
    }

    /** A record's key as one string: the value itself for a one-field key, a JSON array otherwise. */
    public static String key(List<Object> keyValues) {
        return keyValues.size() == 1 ? String.valueOf(keyValues.get(0)) : write(keyValues);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
