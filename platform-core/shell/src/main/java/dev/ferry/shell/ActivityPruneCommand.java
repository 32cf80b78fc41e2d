package dev.ferry.shell;

import dev.ferry.platform.api.ActivityPruning;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "ferry", name = "activity-prune",
        description = "Removes activity entries written before a moment (the newest stays); the chain notes where the log now starts")
public class ActivityPruneCommand extends FerryCommand {

    @Option(name = "--before", required = true,
            description = "An ISO-8601 instant (2026-01-31T00:00:00Z) or a duration ago (P90D)")
    String before;

    @Reference
    ActivityService activity;

    @Reference
    Session session;

    @Override
    protected Object run() {
        ActivityPruning p = activity.prune(ActivityQuery.moment("before", before), Format.actor(session));
        System.out.println(p.removed() == 0 ? "No activity entry was written before " + p.before()
                : Format.count(p.removed()) + " activity entries written before " + p.before()
                + " removed; the log now starts at entry " + p.firstKept());
        return null;
    }
}
