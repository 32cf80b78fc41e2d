package dev.ferry.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code bench/run.sh} was asked for.
 *
 * @param rows          rows in the source table
 * @param registrations registrations of the small product (registration latency, schedule lag, heap)
 * @param store         where Ferry keeps its own store: derby or postgresql
 * @param observe       how long the registrations' schedules are watched after the last registration
 * @param karafLock     a file to hold an flock on while Karaf runs (machines shared with other Karafs), or null
 */
record BenchOptions(long rows, int registrations, String store, Duration observe, Path karafLock) {

    static final String USAGE = """
            usage: bench/run.sh [--rows N] [--registrations N] [--store derby|postgresql]
                                [--observe SECONDS] [--karaf-lock FILE]
              --rows N             rows in the source table (default 1000000; at least 100)
              --registrations N    registrations of the small product (default 1000)
              --store S            Ferry's own store: derby (default) or postgresql
              --observe SECONDS    how long the registrations' 1-minute schedules are watched after the last
                                   registration (default 150; 65 when there are fewer than 100 registrations)
              --karaf-lock FILE    hold an flock on FILE while Karaf runs, e.g. /tmp/ferry-karaf.lock""";

    static final long DEFAULT_ROWS = 1_000_000;
    static final int DEFAULT_REGISTRATIONS = 1_000;
    /** Below this many registrations the schedules are watched for {@link #SHORT_OBSERVE} only (CI's smoke run). */
    static final int FEW_REGISTRATIONS = 100;
    static final Duration LONG_OBSERVE = Duration.ofSeconds(150);
    static final Duration SHORT_OBSERVE = Duration.ofSeconds(65);

    /** @throws IllegalArgumentException saying what is wrong */
    static BenchOptions parse(String... args) {
        long rows = DEFAULT_ROWS;
        int registrations = DEFAULT_REGISTRATIONS;
        String store = "derby";
        Duration observe = null;
        Path lock = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--rows" -> rows = number(option, value, 100, 1_000_000_000L);
                case "--registrations" -> registrations = (int) number(option, value, 1, 100_000);
                case "--store" -> {
                    if (!value.equals("derby") && !value.equals("postgresql")) {
                        throw new IllegalArgumentException("--store must be derby or postgresql, not '" + value + "'");
                    }
                    store = value;
                }
                case "--observe" -> observe = Duration.ofSeconds(number(option, value, 0, 3_600));
                case "--karaf-lock" -> lock = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (observe == null) {
            observe = registrations < FEW_REGISTRATIONS ? SHORT_OBSERVE : LONG_OBSERVE;
        }
        return new BenchOptions(rows, registrations, store, observe, lock);
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
