package dev.ferry.shell;

import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutPreview;
import dev.ferry.platform.api.RolloutRequest;
import dev.ferry.platform.api.RolloutService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.util.List;

@Service
@Command(scope = "ferry", name = "rollout-start",
        description = "Moves all (or --registrations) registrations of a product to a version in waves: a canary, watched, then the rest;"
                + " halts and moves the canary back on its own when its runs fail more than before. --preview changes nothing")
public class RolloutStartCommand extends FerryCommand {

    @Argument(index = 0, name = "product", description = "Product id", required = true)
    @Completion(ProductCompleter.class)
    String product;

    @Argument(index = 1, name = "version", description = "The version to move them to", required = true)
    String version;

    @Option(name = "--registrations", aliases = "-r", description = "Only these registrations (comma-separated)")
    String registrations;

    @Option(name = "--canary", description = "Percent moved first (default 5; at least one registration)")
    Integer canary;

    @Option(name = "--watch", description = "How long the canary runs before the rest follow, e.g. 10m (0: no watch)")
    String watch;

    @Option(name = "--max-failure-increase", description = "How much the canary's share of failed runs may grow, 0 to 1 (default 0.2)")
    Double maxFailureIncrease;

    @Option(name = "--reset", description = "Allow moving down to a version whose caches reset")
    boolean reset;

    @Option(name = "--preview", description = "Only show what it would do to each registration")
    boolean preview;

    @Reference
    RolloutService rollouts;

    @Reference
    Session session;

    @Override
    protected Object run() {
        RolloutRequest request = new RolloutRequest(product, version, registrations == null ? null
                : List.of(registrations.split("\\s*,\\s*")), canary, watch, maxFailureIncrease, reset);
        if (preview) {
            RolloutPreview p = rollouts.preview(request);
            p.plans().forEach(plan -> {
                RegistrationUpdateCommand.print(plan);
                System.out.println();
            });
            p.blocked().forEach(b -> System.out.println("Cannot move " + b));
            System.out.println(p.plans().size() + " registration(s) previewed" + (p.blocked().isEmpty() ? ""
                    : ", " + p.blocked().size() + " cannot move") + "; nothing was changed.");
            return null;
        }
        Rollout r = rollouts.start(request, Format.actor(session));
        System.out.println("Rollout " + r.id() + " of " + r.product() + " " + r.version() + " started: "
                + r.targets().size() + " registration(s), canary " + r.targets().stream().filter(t -> t.wave().equals("canary")).count()
                + "; follow it with ferry:rollout-show " + r.id());
        return null;
    }
}
