package dev.ferry.engine.security;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.Subject;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins to Karaf's SSH console (and JMX), from the login events Karaf's realm posts
 * ({@code org/apache/karaf/login/*}): each is logged at WARN by {@code dev.ferry.security}, with the user, the surface
 * and the address it came from, and how many failed in a row from there. A REST login is logged by the REST server
 * itself, which also throttles it; an SSH login cannot be refused from here (Karaf's SSH server asks its realm alone).
 */
@Component(property = EventConstants.EVENT_TOPIC + "=org/apache/karaf/login/*")
public class LoginAudit implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ferry.security");
    /** At most this many users and addresses are counted; beyond, the counts start again. */
    private static final int MOST_COUNTED = 10_000;

    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

    @Override
    public void handleEvent(Event event) {
        String type = String.valueOf(event.getProperty("type")).toLowerCase(java.util.Locale.ROOT);
        if (!type.endsWith("failure") && !type.endsWith("success")) {
            return; // an attempt: its subject is still being filled in by the login (reading it could fail)
        }
        Object user = event.getProperty("username");
        Object subject = event.getProperty("subject");
        String client = subject instanceof Subject s ? client(s) : null;
        if (client == null || user == null) {
            return; // REST: its own filter logs it, with the caller's address
        }
        String name = printable(user.toString());
        int paren = client.indexOf('(');
        String surface = paren > 0 ? client.substring(0, paren).toUpperCase(java.util.Locale.ROOT) : "Karaf";
        String source = paren > 0 && client.endsWith(")") ? client.substring(paren + 1, client.length() - 1) : client;
        String address = source.replaceFirst("^/", "").replaceFirst(":\\d+$", "");
        String key = name + '\u0000' + address;
        if (type.endsWith("failure")) {
            if (failuresInARow.size() > MOST_COUNTED) {
                failuresInARow.clear();
            }
            int count = failuresInARow.merge(key, 1, Integer::sum);
            LOG.warn("{} login failed for user '{}' from {} ({} failure(s) in a row)", surface, name, address, count);
        } else if (type.endsWith("success")) {
            failuresInARow.remove(key);
        }
    }

    /** Karaf's client principal of a login ({@code ssh(/127.0.0.1:40022)}), or null when it has none. */
    private static String client(Subject subject) {
        // the subject's principals are a plain list the login module may still be adding to: read it again if so
        for (int tries = 0; tries < 3; tries++) {
            try {
                for (Principal p : subject.getPrincipals().toArray(new Principal[0])) {
                    if (p.getClass().getSimpleName().equals("ClientPrincipal")) {
                        return p.getName();
                    }
                }
                return null;
            } catch (java.util.ConcurrentModificationException e) {
                Thread.onSpinWait();
            }
        }
        return null;
    }

    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
