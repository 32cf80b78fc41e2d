package dev.ferry.shell;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;

import java.lang.reflect.Field;

/**
 * The line a command was typed on, as Karaf's shell (Apache Felix Gogo) parsed it. Gogo ends a command at an
 * unquoted {@code ;}, so {@code --config inbox=/data/a;b} registers {@code /data/a} and then runs {@code b}. Gogo's
 * parser is not public API: what it cannot tell is taken as a line without more on it.
 */
final class ShellLine {
    private ShellLine() {
    }

    /**
     * The statement after the running command when the line goes on after a {@code ;} and that statement does not
     * start with a command (so it was most likely meant as part of a value); null otherwise.
     */
    static String strayStatement(Session session) {
        String next = nextStatement(session);
        if (next == null) {
            return null;
        }
        String word = next.split("\\s+", 2)[0];
        for (Command command : session.getRegistry().getCommands()) {
            if (word.equals(command.getName()) || word.equals(command.getScope() + ":" + command.getName())) {
                return null;
            }
        }
        return next;
    }

    /** The text of the statement after the running one on the same line, after a {@code ;}; or null. */
    static String nextStatement(Session session) {
        try {
            ClassLoader gogo = session.getClass().getClassLoader();
            Class<?> pipeClass = Class.forName("org.apache.felix.gogo.runtime.Pipe", false, gogo);
            Object pipe = pipeClass.getMethod("getCurrentPipe").invoke(null);
            if (pipe == null) {
                return null;
            }
            Object statement = field(pipeClass, "statement").get(pipe);
            Class<?> token = Class.forName("org.apache.felix.gogo.runtime.Token", false, gogo);
            char[] text = (char[]) field(token, "ch").get(statement);
            int i = (int) token.getMethod("start").invoke(statement) + (int) token.getMethod("length").invoke(statement);
            while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
                i++;
            }
            if (i >= text.length || text[i] != ';') {
                return null;
            }
            int from = ++i;
            while (i < text.length && text[i] != ';' && text[i] != '\n' && text[i] != '\r') {
                i++;
            }
            String next = new String(text, from, i - from).trim();
            return next.isEmpty() ? null : next;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
