package dev.ferry.connector.amqp;

import java.util.ArrayList;
import java.util.List;

/** The reads whose channels are still open, so that one whose last notice never came is let go in time. */
final class OpenReads {

    private final List<Acks> open = new ArrayList<>();

    synchronized Acks add(Acks acks) {
        long now = System.currentTimeMillis();
        open.removeIf(a -> {
            if (a.closed()) {
                return true;
            }
            if (a.abandoned(now)) {
                a.close();
                return true;
            }
            return false;
        });
        open.add(acks);
        return acks;
    }

    synchronized void closeAll() {
        new ArrayList<>(open).forEach(Acks::close);
        open.clear();
    }
}
