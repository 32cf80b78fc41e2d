package dev.ferry.shell;

import dev.ferry.platform.api.MetricsService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ferry", name = "metrics", description = "Prints the platform's metrics in Prometheus' text format, as"
        + " GET /ferry/api/metrics gives them: runs by status, rows and actions moved, run durations, queued and dead"
        + " actions per service, registrations by health; only the lines that mention a text when one is given")
public class MetricsCommand extends FerryCommand {

    @Argument(index = 0, name = "text", description = "Only the metrics whose line contains this, e.g. a registration"
            + " or ferry_actions", required = false)
    String text;

    @Reference
    MetricsService metrics;

    @Override
    protected Object run() {
        for (String line : metrics.prometheus().split("\n")) {
            if (text == null || (!line.startsWith("#") && line.contains(text))) {
                System.out.println(line);
            }
        }
        return null;
    }
}
