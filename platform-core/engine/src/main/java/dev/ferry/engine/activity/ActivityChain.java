package dev.ferry.engine.activity;

import dev.ferry.engine.json.RecordJson;
import dev.ferry.store.ActivityEntity;

/** The activity log's hash chain: an entry's hash is SHA-256 over its content and the hash of the entry before it. */
public final class ActivityChain {

    private ActivityChain() {
    }

    public static String hash(ActivityEntity entry) {
        return RecordJson.sha256(entry.chained());
    }
}
