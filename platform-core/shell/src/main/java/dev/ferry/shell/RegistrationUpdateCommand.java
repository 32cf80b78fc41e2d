package dev.ferry.shell;

import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationOverrides.JobOverride;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationUpdate;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Service
@Command(scope = "ferry", name = "registration-update",
        description = "Changes a registration in place (version, configs, feature states, job schedules) keeping its cache where the data"
                + " object did not change; --preview shows what it would do and changes nothing")
public class RegistrationUpdateCommand extends RegistrationCommand {

    static final String USAGE = "--version v, --config name=value, --secret name[=file:/path|=env:VAR], --unset name, --feature id=disabled|onboarding|active|maintenance,"
            + " --onboarding-schedule feature=on|off, --job-every job=10m, --job-cron 'job=0 0 2 * * ?', --job-zone job=Europe/Amsterdam,"
            + " --job-pause job, --job-resume job, --job-default job, --reset, --no-test, --preview";

    /** Karaf stops reading options at the first argument: the options come after the registration. */
    @Argument(index = 1, name = "options", description = USAGE, multiValued = true)
    List<String> options;

    @Override
    protected Object run() {
        SecretValues.scrubThreadName(SecretValues.configValues(null, options));
        Registration current = registrations.get(registration);
        String version = null;
        boolean preview = false;
        boolean reset = false;
        boolean test = true;
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> features = new LinkedHashMap<>();
        Map<String, Boolean> onboarding = new LinkedHashMap<>();
        Map<String, JobOverride> jobs = new LinkedHashMap<>();
        List<String> secretSpecs = new java.util.ArrayList<>();
        List<String> tokens = options == null ? List.of() : options;
        for (int i = 0; i < tokens.size(); i++) {
            String option = tokens.get(i);
            switch (option) {
                case "--preview" -> preview = true;
                case "--reset" -> reset = true;
                case "--no-test" -> test = false;
                default -> {
                    if (i + 1 >= tokens.size()) {
                        throw new InvalidInputException(option, "is not an option of ferry:registration-update, or it lacks its value ("
                                + USAGE + ")");
                    }
                    String value = tokens.get(++i);
                    switch (option) {
                        case "--version" -> version = value;
                        case "--config", "-c" -> config.put(name(option, value), value.substring(value.indexOf('=') + 1));
                        case "--unset" -> config.put(value, null);
                        case "--secret", "-s" -> secretSpecs.add(value);
                        case "--feature" -> features.put(name(option, value), value.substring(value.indexOf('=') + 1));
                        case "--onboarding-schedule" -> onboarding.put(name(option, value), onOff(option, value));
                        case "--job-every" -> job(jobs, current, name(option, value)).put(o -> new JobOverride(after(value), null, o.timeZone(), o.paused()));
                        case "--job-cron" -> job(jobs, current, name(option, value)).put(o -> new JobOverride(null, after(value), o.timeZone(), o.paused()));
                        case "--job-zone" -> job(jobs, current, name(option, value)).put(o -> new JobOverride(o.every(), o.cron(), after(value), o.paused()));
                        case "--job-pause" -> job(jobs, current, value).put(o -> new JobOverride(o.every(), o.cron(), o.timeZone(), true));
                        case "--job-resume" -> job(jobs, current, value).put(o -> new JobOverride(o.every(), o.cron(), o.timeZone(), false));
                        case "--job-default" -> job(jobs, current, value).put(o -> JobOverride.NONE);
                        default -> throw new InvalidInputException(option, "is not an option of ferry:registration-update (" + USAGE + ")");
                    }
                }
            }
        }
        SecretValues.putAll(session, secretSpecs, config);
        RegistrationPlan plan = registrations.update(registration, new RegistrationUpdate(version, config, features,
                onboarding, jobs, null, reset, test), preview, Format.actor(session));
        print(plan);
        return null;
    }

    /** A job's override as the update changes it, starting from the one the registration has. */
    private record JobEdit(Map<String, JobOverride> jobs, String job, JobOverride start) {
        void put(java.util.function.UnaryOperator<JobOverride> change) {
            jobs.put(job, change.apply(jobs.getOrDefault(job, start)));
        }
    }

    private static JobEdit job(Map<String, JobOverride> jobs, Registration current, String job) {
        return new JobEdit(jobs, job, current.overrides().job(job));
    }

    private static String name(String option, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException(option, "'" + pair + "' is not name=value");
        }
        return pair.substring(0, eq).trim();
    }

    private static String after(String pair) {
        return pair.substring(pair.indexOf('=') + 1).trim();
    }

    private static boolean onOff(String option, String pair) {
        return switch (after(pair)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new InvalidInputException(option, "'" + pair + "' is not feature=on or feature=off");
        };
    }

    /** Prints a plan: its changes, the caches that reset, the configs still missing, and whether it was applied. */
    static void print(RegistrationPlan plan) {
        System.out.println("Registration " + plan.registration() + ": " + plan.product() + " " + plan.fromVersion()
                + (plan.fromVersion().equals(plan.toVersion()) ? "" : " -> " + plan.toVersion()));
        if (plan.changes().isEmpty()) {
            System.out.println("No changes.");
        } else {
            ShellTable table = new ShellTable();
            table.column("Kind");
            table.column("Name");
            table.column("Change");
            table.column("Before").maxSize(40);
            table.column("After").maxSize(40);
            plan.changes().forEach(c -> table.addRow().addContent(c.kind(), c.name(), c.change(),
                    c.before() == null ? "" : c.before(), c.after() == null ? "" : c.after()));
            table.print(System.out);
        }
        plan.resets().forEach(r -> System.out.println("Cache reset: " + r));
        if (!plan.missingConfigs().isEmpty()) {
            System.out.println("Required configs without a value (give them with --config): " + String.join(", ", plan.missingConfigs()));
        }
        System.out.println(plan.applied() ? "Applied; definition " + plan.definition().substring(0, 12)
                : "Preview only: nothing was changed.");
    }
}
