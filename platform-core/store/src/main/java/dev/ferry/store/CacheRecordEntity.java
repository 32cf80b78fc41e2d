package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import java.time.Instant;

/** The last known state of one record of a data object in a workspace's cache. */
@Entity
@Table(name = "FERRY_CACHE_RECORD",
        uniqueConstraints = @UniqueConstraint(columnNames = {"registrationId", "serviceId", "recordKey"}),
        indexes = @Index(name = "FERRY_CACHE_SEEN", columnList = "registrationId,serviceId,lastSeenRun"))
@SequenceGenerator(name = "ferry_cache_seq", sequenceName = "FERRY_CACHE_SEQ", allocationSize = 500)
public class CacheRecordEntity extends ServiceScoped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_cache_seq")
    public Long id;
    @Column(nullable = false, length = 1000)
    public String recordKey;
    @Column(nullable = false, length = 64)
    public String hash;
    @Column(nullable = false, length = Store.TEXT)
    public String data;
    /** The run that last read this record; after a full read, records not seen by it are deleted. */
    public long lastSeenRun;
    @Column(nullable = false)
    public Instant updatedAt;
}
