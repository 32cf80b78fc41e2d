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

/** A rollout of a product version to registrations, in waves: its settings, state and history. */
@Entity
@Table(name = "FERRY_ROLLOUT", indexes = @Index(name = "FERRY_ROLLOUT_PRODUCT", columnList = "productId,state"))
@SequenceGenerator(name = "ferry_rollout_seq", sequenceName = "FERRY_ROLLOUT_SEQ", allocationSize = 1)
public class RolloutEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_rollout_seq")
    public Long id;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 40)
    public String toVersion;
    /** running, watching, applying, completed, halted, rolled-back, failed or interrupted. */
    @Column(nullable = false, length = 20)
    public String state;
    public int canaryPercent;
    public long watchSeconds;
    public double maxFailureIncrease;
    public boolean resetAllowed;
    @Column(nullable = false)
    public Instant createdAt;
    @Column(length = 100)
    public String createdBy;
    @Column(nullable = false)
    public Instant updatedAt;
    /** What happened, as a JSON list of {at, what}. */
    @Column(length = Store.TEXT)
    public String history;
}
