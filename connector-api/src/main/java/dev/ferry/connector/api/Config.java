package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ProviderType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Immutable configuration values (strings, keyed by field name) with typed getters. */
@ProviderType
public final class Config {

    private static final Config EMPTY = new Config(Map.of());

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Config of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new Config(values);
    }

    public static Config empty() {
        return EMPTY;
    }

    /**
     * Applies defaults and checks values against the fields.
     *
     * @param values raw values
     * @param fields the declared fields
     * @return the values with defaults filled in
     * @throws ConfigException listing every problem: missing required fields, unknown keys and malformed values
     */
    public static Config validate(Map<String, String> values, List<ConfigField> fields) {
        Map<String, String> result = new LinkedHashMap<>();
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                problems.add(new ConfigException.Problem(key, "is not a known setting"));
            }
        }
        for (ConfigField field : fields) {
            String raw = values.get(field.name());
            if (raw == null) {
                raw = field.defaultValue();
            }
            if (raw == null) {
                if (field.required()) {
                    problems.add(new ConfigException.Problem(field.name(), "is required"));
                }
                continue;
            }
            Optional<String> problem = field.problem(raw);
            if (problem.isPresent()) {
                problems.add(new ConfigException.Problem(field.name(), problem.get()));
            } else {
                result.put(field.name(), raw);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return of(result);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new ConfigException(List.of(new ConfigException.Problem(name, "is required")));
        }
        return v;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public long integer(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v.trim());
    }

    public boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    public Path path(String name) {
        return Path.of(string(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Shows keys only; values may be secrets. */
    @Override
    public String toString() {
        return "Config" + values.keySet();
    }
}
