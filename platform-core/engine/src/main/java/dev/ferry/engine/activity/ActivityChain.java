package dev.ferry.engine.activity;

import dev.ferry.store.ActivityEntity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The activity log's hash chain: an entry's hash is SHA-256 over its content and the hash of the entry before it. */
public final class ActivityChain {

    private ActivityChain() {
    }

    public static String hash(ActivityEntity entry) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(entry.chained().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
