package dev.ferry.shell;

import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.platform.api.SyncState;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

@Service
@Command(scope = "ferry", name = "registration-show",
        description = "Shows a registration: version, state, sync state and why, feature states, overrides, configs")
public class RegistrationShowCommand extends RegistrationCommand {

    @Option(name = "--json", description = "Prints it as JSON, in the REST API's form, instead of a table")
    boolean json;

    @Override
    protected Object run() {
        Registration r = registrations.get(registration);
        if (json) {
            return Format.printJson(r);
        }
        SyncState sync = r.sync();
        Format.println("Registration  " + r.id());
        Format.println("Product       " + r.product() + " " + r.productVersion()
                + (sync.newest() == null ? "" : " (" + sync.newest() + " is available)"));
        Format.println("State         " + r.runtime());
        Format.println("Sync          " + (sync.inSync() ? "in sync" : "out of sync: " + String.join("; ", sync.why()))
                + ", last synced " + Format.time(r.lastSyncedAt())
                + (sync.currentHash() == null ? "" : ", definition " + sync.currentHash().substring(0, 12)));
        Format.println("Features      " + (r.features().isEmpty() ? "(none)" : r.features().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        RegistrationOverrides o = r.overrides();
        Format.println("Jobs          " + r.jobs().stream().map(j -> j + (o.job(j).none() ? "" : " (" + job(o.job(j)) + ")"))
                .collect(Collectors.joining(", ")));
        if (!o.onboardingSchedules().isEmpty()) {
            Format.println("Onboarding    on schedule: " + String.join(", ", o.onboardingSchedules()));
        }
        System.out.println(Format.wrap("Config        " + r.config().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")), 14));
        return null;
    }

    private static String job(RegistrationOverrides.JobOverride o) {
        String cadence = o.cron() != null ? "cron " + o.cron() + (o.timeZone() == null ? "" : " " + o.timeZone())
                : o.every() != null ? "every " + o.every() : "";
        return (cadence + (o.paused() ? (cadence.isEmpty() ? "" : ", ") + "paused" : "")).trim();
    }
}
