package dev.ferry.connector.api.read;

import org.osgi.annotation.versioning.ProviderType;

/** How much of a data object a read covers. */
@ProviderType
public enum ReadMode {
    /** Every record; records the cache knows but the read did not return are taken as deleted. */
    FULL,
    /** Only what changed after the cursor the previous read returned (everything when there is none yet). */
    INCREMENTAL
}
