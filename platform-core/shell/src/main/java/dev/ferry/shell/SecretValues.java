package dev.ferry.shell;

import dev.ferry.platform.api.InvalidInputException;
import org.apache.karaf.shell.api.console.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Secret config values given to a command, kept out of the command line and the log: {@code --secret name} asks for
 * the value (not echoed), {@code --secret name=file:/path} reads it from a file, {@code --secret name=env:VAR} from an
 * environment variable of the platform. Values typed with {@code --config} anyway are taken out of the command's
 * thread name, which Karaf sets to the command line and every log line of the command shows.
 */
final class SecretValues {

    private SecretValues() {
    }

    /** Reads every {@code --secret} option given into {@code config}, by config name. */
    static void putAll(Session session, List<String> specs, Map<String, String> config) {
        specs.forEach(spec -> {
            Map.Entry<String, String> e = read(session, spec);
            config.put(e.getKey(), e.getValue());
        });
    }

    /** The name and value a {@code --secret} option gives. */
    static Map.Entry<String, String> read(Session session, String spec) {
        int eq = spec.indexOf('=');
        String name = (eq < 0 ? spec : spec.substring(0, eq)).trim();
        if (name.isEmpty()) {
            throw new InvalidInputException("--secret", "name the config: --secret name, name=file:/path or name=env:VAR");
        }
        if (eq < 0) {
            try {
                String value = session.readLine("Value of " + name + ": ", '*');
                if (value == null || value.isEmpty()) {
                    throw new InvalidInputException("--secret " + name, "no value was typed");
                }
                return Map.entry(name, value);
            } catch (IOException e) {
                throw new InvalidInputException("--secret " + name, "the value cannot be asked for here (" + e.getMessage()
                        + "); give it as " + name + "=file:/path or " + name + "=env:VAR");
            }
        }
        String source = spec.substring(eq + 1).trim();
        if (source.startsWith("file:")) {
            Path file = Path.of(source.substring(5));
            try {
                return Map.entry(name, Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new InvalidInputException("--secret " + name, "file " + file + " cannot be read: " + e.getMessage());
            }
        }
        if (source.startsWith("env:")) {
            String value = System.getenv(source.substring(4));
            if (value == null) {
                throw new InvalidInputException("--secret " + name, "environment variable " + source.substring(4)
                        + " is not set for the platform");
            }
            return Map.entry(name, value);
        }
        throw new InvalidInputException("--secret " + name, "'" + source + "' is neither file:/path nor env:VAR (type the"
                + " value when asked: --secret " + name + ")");
    }

    /**
     * The values of {@code --config name=value} options among a command's words (and those Karaf already took as
     * options), to keep out of the thread name before anything can be logged. It reads the options the way
     * {@code RegisterCommand} and {@code RegistrationUpdateCommand} do (which parse them only later, after the
     * scrubbing): a change to their {@code --config} forms belongs here too.
     */
    static List<String> configValues(List<String> options, List<String> words) {
        List<String> values = new ArrayList<>();
        (options == null ? List.<String>of() : options).forEach(pair -> values.add(pair.substring(pair.indexOf('=') + 1)));
        List<String> all = words == null ? List.of() : words;
        for (int i = 0; i < all.size(); i++) {
            String w = all.get(i);
            if ((w.equals("--config") || w.equals("-c")) && i + 1 < all.size()) {
                String pair = all.get(++i);
                values.add(pair.substring(pair.indexOf('=') + 1));
            } else if (w.startsWith("--config=")) {
                values.add(w.substring(w.indexOf('=', 9) + 1));
            }
        }
        return values;
    }

    /** Takes the values out of the current thread's name (Karaf's name for it is the command line). */
    static void scrubThreadName(Collection<String> values) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                name = name.replace(value, "****");
            }
        }
        thread.setName(name);
    }
}
