package dev.ferry.shell;

import org.apache.karaf.shell.api.console.Session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the commands show times, numbers and who ran them. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A time without its year, for tables that must stay narrow. */
    static String shortTime(Instant instant) {
        return instant == null ? "" : SHORT_TIME.format(instant);
    }

    /** The width tables and texts keep to, so they read in a terminal of 120 columns. */
    static final int WIDTH = 120;

    /**
     * A line wrapped at word boundaries to {@value #WIDTH} columns; the lines it goes on to are indented by
     * {@code indent} spaces (a word longer than a line is cut over lines).
     */
    static String wrap(String line, int indent) {
        if (line.length() <= WIDTH) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        String rest = line;
        String pad = " ".repeat(indent);
        int width = WIDTH;
        while (rest.length() > width) {
            int at = rest.lastIndexOf(' ', width);
            if (at <= pad.length() || at <= 0) {
                at = width;
            }
            out.append(rest, 0, at).append('\n');
            rest = pad + rest.substring(at).stripLeading();
        }
        return out.append(rest).toString();
    }

    /**
     * Prints a line wrapped as {@link #wrap} does, going on under its value when it starts with a label and two or
     * more blanks ({@code Config        a=1 b=2}), else four columns in from its own start.
     */
    static void println(String line) {
        java.util.regex.Matcher label = LABEL.matcher(line);
        int lead = line.length() - line.stripLeading().length();
        System.out.println(wrap(line, label.find() && label.end() <= 40 ? label.end() : lead + 4));
    }

    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("^\\s*\\S+(?: \\S+)*? {2,}");

    /** Text cut to at most {@code most} characters, its end marked. */
    static String cut(String text, int most) {
        return text == null ? "" : text.length() <= most ? text : text.substring(0, most - 1) + "…";
    }

    /** Seconds from start to end (or to now, while running). */
    static String duration(Instant start, Instant end) {
        return String.format("%.1f s", Duration.between(start, end == null ? Instant.now() : end).toMillis() / 1000.0);
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    static String rate(double perSecond) {
        return String.format("%,.0f/s", perSecond);
    }

    /** The user logged in to this shell session. */
    static String actor(Session session) {
        Object user = session == null ? null : session.get("USER");
        return user == null ? "karaf" : user.toString();
    }

    /** A file the user named, as text; a name that is not a file is refused saying so. */
    static String readFile(String file) throws java.io.IOException {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException("file: " + file + " is not a file");
        }
        return java.nio.file.Files.readString(path);
    }

    /**
     * Prints a value of Ferry's service layer (records, lists, maps, enums, instants) as JSON, in the form the REST API
     * answers with (record components by name, enums in lower case, instants in ISO-8601), for {@code --json}.
     */
    static Object printJson(Object value) {
        System.out.println(json(plain(value)));
        return null;
    }

    /** A service-layer value as maps, lists, strings, numbers, booleans and nulls. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof Record record) {
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
                try {
                    fields.put(c.getName(), plain(c.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("reading " + c.getName() + " of " + record.getClass().getSimpleName(), e);
                }
            }
            return fields;
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
            return plain;
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(Format::plain).collect(java.util.stream.Collectors.toList());
        }
        return value.toString(); // instants, durations, paths
    }

    /** A value made of maps, lists, strings, numbers, booleans and nulls, as compact JSON. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        json(value, out);
        return out.toString();
    }

    private static void json(Object value, StringBuilder out) {
        if (value instanceof java.util.Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                json(String.valueOf(e.getKey()), out);
                out.append(": ");
                json(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof java.util.List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                json(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            out.append('"');
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else {
            out.append(value); // numbers, booleans, null
        }
    }
}
