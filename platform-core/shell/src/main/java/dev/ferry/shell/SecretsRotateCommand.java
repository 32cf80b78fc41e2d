package dev.ferry.shell;

import dev.ferry.platform.api.SecretService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "secrets-rotate",
        description = "Makes a new key for secret configs, re-encrypts every secret under it (also those stored in clear before) and forgets the old key")
public class SecretsRotateCommand extends FerryCommand {

    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Override
    protected Object run() {
        SecretService.Rotation r = secrets.rotate(Format.actor(session));
        System.out.println("Secret configs are encrypted under new key " + r.key() + ": " + r.values()
                + " value(s) encrypted again; the old key is forgotten (back up etc/ferry-secrets.key with the store)");
        return null;
    }
}
