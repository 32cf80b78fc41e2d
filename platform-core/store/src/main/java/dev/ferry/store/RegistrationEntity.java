package dev.ferry.store;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.MapKeyColumn;
import javax.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A product version registered to a workspace, with its config values and feature states. */
@Entity
@Table(name = "FERRY_REGISTRATION")
public class RegistrationEntity {
    /** {@code <workspace>:<product>}. */
    @Id
    @Column(length = 130)
    public String id;
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 40)
    public String productVersion;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "FERRY_REGISTRATION_CONFIG", joinColumns = @JoinColumn(name = "registration_id"))
    @MapKeyColumn(name = "name", length = 100)
    @Column(name = "config_value", length = 4000)
    public Map<String, String> config = new LinkedHashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "FERRY_REGISTRATION_FEATURE", joinColumns = @JoinColumn(name = "registration_id"))
    @MapKeyColumn(name = "feature", length = 100)
    @Column(name = "state", length = 20)
    public Map<String, String> features = new LinkedHashMap<>();

    @Column(nullable = false)
    public Instant createdAt;
    public Instant lastSyncedAt;
    /** The content hash of the definition it was last synced to (null for registrations made before it was kept). */
    @Column(length = 64)
    public String syncedHash;
    /** The hash of each part of that definition by name ({@code flow orders-out}), as JSON. */
    @Column(length = Store.TEXT)
    public String syncedParts;
    /** What it sets over its product's definition, as JSON ({@code RegistrationOverrides}); null when nothing. */
    @Column(length = Store.TEXT)
    public String overrides;

    /** {@code failing}, or null when it is healthy. */
    @Column(length = 10)
    public String health;
    /** Failed runs in a row. */
    public Integer failures;
    /** When the failures in a row began (or the connection test failed). */
    public Instant failingSince;
    /** When the last of them ended. */
    public Instant failedAt;
    @Column(length = 2000)
    public String failingReason;
}
