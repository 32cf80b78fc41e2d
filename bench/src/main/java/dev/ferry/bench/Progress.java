package dev.ferry.bench;

/** What the bench is doing, one line at a time, with the seconds since it started. */
final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.out.printf("[%7.1f s] %s%n", (System.nanoTime() - START) / 1e9, String.format(format, args));
        System.out.flush();
    }
}
