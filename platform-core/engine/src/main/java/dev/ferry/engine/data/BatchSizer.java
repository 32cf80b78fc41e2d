package dev.ferry.engine.data;

import java.util.concurrent.TimeUnit;

/**
 * How many queued actions an action-processor step hands its connector in one call. Each call has costs of its own
 * whatever its size: the connector's set-up (for the jdbc connector a connection check, a look at the table and its
 * statements prepared) and a transaction in Ferry's store for the outcomes. So calls are made as large as the target
 * takes quickly: the size begins at {@value #FIRST}, doubles while a full call takes under {@link #GROW_BELOW} (up to
 * {@value #MOST}) and halves when a call of the size would take over {@link #SHRINK_ABOVE} (down to {@value #FEWEST}),
 * so a slow system's calls stay far inside the service's timeout and its outcomes are stored often.
 */
final class BatchSizer {

    static final int FIRST = 4 * DataPath.PAGE;
    static final int FEWEST = DataPath.PAGE / 5;
    static final int MOST = 20 * DataPath.PAGE;
    static final long GROW_BELOW = TimeUnit.SECONDS.toNanos(1);
    static final long SHRINK_ABOVE = TimeUnit.SECONDS.toNanos(4);

    private int size = FIRST;

    int size() {
        return size;
    }

    /** A call of {@code actions} actions took {@code nanos}. */
    void took(int actions, long nanos) {
        if (actions <= 0) {
            return;
        }
        double perAction = (double) nanos / actions;
        if (perAction * size > SHRINK_ABOVE) {
            size = Math.max(FEWEST, size / 2);
        } else if (actions >= size && nanos < GROW_BELOW) {
            size = Math.min(MOST, size * 2);
        }
    }
}
