package dev.ferry.engine.product;

import java.util.Arrays;

/** Orders semantic versions (1.10.0 after 1.9.0). */
public record Versions(int major, int minor, int patch, String qualifier) implements Comparable<Versions> {

    public static Versions parse(String version) {
        String[] mainAndQualifier = version.split("[-]", 2);
        int[] n = Arrays.stream(mainAndQualifier[0].split("\\.")).limit(3).mapToInt(s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }).toArray();
        return new Versions(n.length > 0 ? n[0] : 0, n.length > 1 ? n[1] : 0, n.length > 2 ? n[2] : 0,
                mainAndQualifier.length > 1 ? mainAndQualifier[1] : "");
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("\\d+(\\.\\d+){0,2}([.-][A-Za-z0-9.-]+)?");

    /**
     * Whether a version is in a range: {@code [1.0.0,2.0.0)} (brackets include, parentheses exclude), or a bare
     * version meaning it or later, as OSGi reads ranges.
     *
     * @throws IllegalArgumentException when the range cannot be read
     */
    public static boolean inRange(String version, String range) {
        String r = range.trim();
        Versions v = parse(version);
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return v.compareTo(bound(r, range)) >= 0;
        }
        if (!(r.endsWith("]") || r.endsWith(")")) || r.indexOf(',') < 0) {
            throw new IllegalArgumentException("'" + range + "' is not a version range such as [1.0.0,2.0.0) or 1.0.0");
        }
        String[] ends = r.substring(1, r.length() - 1).split(",", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException("'" + range + "' is not a version range such as [1.0.0,2.0.0) or 1.0.0");
        }
        Versions low = bound(ends[0].trim(), range);
        Versions high = bound(ends[1].trim(), range);
        int fromLow = v.compareTo(low);
        int toHigh = v.compareTo(high);
        return (r.startsWith("[") ? fromLow >= 0 : fromLow > 0) && (r.endsWith("]") ? toHigh <= 0 : toHigh < 0);
    }

    private static Versions bound(String version, String range) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("'" + range + "' is not a version range such as [1.0.0,2.0.0) or 1.0.0");
        }
        return parse(version);
    }

    @Override
    public int compareTo(Versions o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) {
            // a release (no qualifier) comes after its pre-releases
            c = qualifier.isEmpty() ? (o.qualifier.isEmpty() ? 0 : 1) : (o.qualifier.isEmpty() ? -1 : qualifier.compareTo(o.qualifier));
        }
        return c;
    }
}
