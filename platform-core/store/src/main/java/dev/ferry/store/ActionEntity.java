package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;
import java.time.Instant;

/**
 * One action that needs attention: failed (final), waiting for a retry, or dead (out of retries). Actions that go
 * through fine never get a row: they travel in pages ({@link ActionPageTable}).
 */
@Entity
@Table(name = "FERRY_ACTION", indexes = @Index(name = "FERRY_ACTION_QUEUE", columnList = "registrationId,serviceId,status"))
@SequenceGenerator(name = "ferry_action_seq", sequenceName = "FERRY_ACTION_SEQ", allocationSize = 500)
public class ActionEntity extends ServiceScoped {
    /** Queued by a release before pages (or put back by hand): runs at the next processor run. */
    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    /** Runs again not before {@link #notBefore}. */
    public static final String RETRY = "RETRY";
    /** Ran out of retries; waits for a person to retry it. */
    public static final String DEAD = "DEAD";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_action_seq")
    public Long id;
    @Column(nullable = false, length = 10)
    public String operation;
    @Column(nullable = false, length = 1000)
    public String recordKey;
    @Column(nullable = false, length = Store.TEXT)
    public String payload;
    @Column(nullable = false, length = 10)
    public String status;
    public int attempts;
    @Column(length = 100)
    public String errorCode;
    @Column(length = 4000)
    public String errors;
    /** The service and flow whose cache event made this action (stops A-to-B-to-A loops later). */
    @Column(length = 200)
    public String origin;
    public Long runId;
    @Column(nullable = false)
    public Instant createdAt;
    public Instant finishedAt;
    /** A retry's earliest time. */
    public Instant notBefore;
}
