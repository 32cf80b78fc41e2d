package dev.ferry.engine.descriptor;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of placeholder in a descriptor: {@code {{config}}} takes a registration's config value, and
 * {@code ${property}} in a config default takes a system property such as {@code karaf.data}.
 */
public final class Placeholders {

    private static final Pattern CONFIG = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");

    private Placeholders() {
    }

    /** The config names a value refers to. */
    public static Set<String> configNames(String value) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CONFIG.matcher(value == null ? "" : value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces {@code {{name}}} with the config value. */
    public static String fillConfig(String value, Map<String, String> config) {
        return replace(CONFIG, value, name -> {
            String v = config.get(name);
            if (v == null) {
                throw new IllegalArgumentException("config '" + name + "' has no value");
            }
            return v;
        });
    }

    /** In a config's default: the workspace of the registration, so a default folder is the workspace's own. */
    public static final String WORKSPACE = "${ferry.workspace}";

    /**
     * A config's default for a registration in a workspace: {@code ${ferry.workspace}} is the workspace's name, other
     * {@code ${name}}s are system properties (such as {@code ${karaf.data}}).
     */
    public static String fillDefault(String value, String workspace) {
        return value == null ? null : fillProperties(value.replace(WORKSPACE, workspace));
    }

    /** Replaces {@code ${name}} with the system property (left as it is when the property is not set). */
    public static String fillProperties(String value) {
        return replace(PROPERTY, value, name -> System.getProperty(name, "${" + name + "}"));
    }

    private static String replace(Pattern pattern, String value, Function<String, String> lookup) {
        if (value == null) {
            return null;
        }
        Matcher m = pattern.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
