package dev.ferry.shell;

import dev.ferry.platform.api.ActivityCheck;
import dev.ferry.platform.api.ActivityService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "activity-verify",
        description = "Checks the activity log's hash chain: finds an entry edited or deleted in the store")
public class ActivityVerifyCommand extends FerryCommand {

    @Reference
    ActivityService activity;

    @Override
    protected Object run() {
        ActivityCheck c = activity.verify();
        if (c.intact()) {
            System.out.println("The activity log is intact: " + Format.count(c.checked()) + " chained entries checked"
                    + (c.unchained() == 0 ? "" : " (" + Format.count(c.unchained()) + " older entries were written before the chain)"));
        } else {
            System.out.println("The activity log was tampered with: " + c.problem() + " (" + Format.count(c.checked())
                    + " entries before it are intact)");
        }
        return null;
    }
}
