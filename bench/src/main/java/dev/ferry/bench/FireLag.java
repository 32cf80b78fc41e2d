package dev.ferry.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How late scheduled runs start: the run's {@code startedAt} minus the time the schedule meant it to fire.
 *
 * <p>Runs that carry {@code scheduledAt} (the engine's intended fire time) give it directly. Without it, each
 * registration's first scheduled run is the reference: a later run k periods after it was meant to start
 * k × period after it, and its lag is the difference (negative when the first run was the later one). That
 * misses the first run's own lag, so {@link #method} says which way was used.
 *
 * @param method {@value #SCHEDULED_AT} or {@value #FIRST_RUN}
 * @param lagsMs one lag per run measured
 */
record FireLag(String method, List<Long> lagsMs) {

    static final String SCHEDULED_AT = "scheduledAt";
    static final String FIRST_RUN = "startedAt relative to each registration's first scheduled run";

    /** A run started by the schedule; {@code scheduledAt} is null when the platform does not tell it. */
    record ScheduledRun(Instant startedAt, Instant scheduledAt) {
    }

    static FireLag of(Collection<List<ScheduledRun>> runsByRegistration, Duration period) {
        boolean intended = runsByRegistration.stream().flatMap(List::stream).findAny().isPresent()
                && runsByRegistration.stream().flatMap(List::stream).allMatch(r -> r.scheduledAt() != null);
        List<Long> lags = new ArrayList<>();
        for (List<ScheduledRun> runs : runsByRegistration) {
            if (intended) {
                runs.forEach(r -> lags.add(Duration.between(r.scheduledAt(), r.startedAt()).toMillis()));
                continue;
            }
            List<ScheduledRun> sorted = runs.stream().sorted(Comparator.comparing(ScheduledRun::startedAt)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                long sinceFirst = Duration.between(sorted.get(0).startedAt(), sorted.get(i).startedAt()).toMillis();
                long periods = Math.round((double) sinceFirst / period.toMillis());
                lags.add(sinceFirst - periods * period.toMillis());
            }
        }
        return new FireLag(intended ? SCHEDULED_AT : FIRST_RUN, List.copyOf(lags));
    }

    double percentileMs(double p) {
        return Percentiles.of(lagsMs, p);
    }
}
