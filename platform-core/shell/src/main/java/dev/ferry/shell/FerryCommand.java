package dev.ferry.shell;

import dev.ferry.platform.api.FerryException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ferry shell command. A mistake of the user's (a bad value, an unknown registration, a conflict) or an external
 * system's failure is one plain line to the user, {@code Error: ...}, without colours or a stack trace, and one WARN
 * line in the log; only a defect of Ferry's is logged at ERROR with its stack trace, as Karaf does.
 */
abstract class FerryCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ferry.shell");

    @Reference
    Session shell;

    @Override
    public final Object execute() throws Exception {
        String stray = shell == null ? null : ShellLine.strayStatement(shell);
        if (stray != null) {
            String message = "the line goes on after a ';', which ends a command in Karaf's shell, so '" + cut(stray)
                    + "' would run as a command of its own: quote a value that holds a ';' (--config 'name=a;b')";
            LOG.warn("{} refused: {}", name(), message);
            throw new CommandException("Error: " + message, message);
        }
        try {
            return run();
        } catch (FerryException e) {
            String message = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
            LOG.warn("{} refused: {}", name(), message);
            // Karaf prints a CommandException's "nice help" as it is, and logs it at DEBUG only
            throw new CommandException("Error: " + message, message, e);
        }
    }

    private static String cut(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** What the command does. */
    protected abstract Object run() throws Exception;

    private String name() {
        Command command = getClass().getAnnotation(Command.class);
        return command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
    }
}
