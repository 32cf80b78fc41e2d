package dev.ferry.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/** Reads a component's settings (its configuration in {@code etc/<pid>.cfg}): a value that does not read is said and the default kept. */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private Settings() {
    }

    public static <T> T read(Map<String, Object> config, String pid, String name, T fallback, Function<String, T> reader) {
        Object value = config == null ? null : config.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return reader.apply(value.toString().trim());
        } catch (RuntimeException e) {
            LOG.warn("Setting {} of {} is '{}', which does not read ({}); {} applies", name, pid, value, e.getMessage(), fallback);
            return fallback;
        }
    }
}
