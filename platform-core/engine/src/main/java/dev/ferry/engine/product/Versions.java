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
