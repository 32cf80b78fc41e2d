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

/** One registration a rollout moves: its wave, what it was before (to roll it back) and how it went. */
@Entity
@Table(name = "FERRY_ROLLOUT_TARGET", indexes = @Index(name = "FERRY_ROLLOUT_TARGET_ROLLOUT", columnList = "rolloutId,id"))
@SequenceGenerator(name = "ferry_rollout_target_seq", sequenceName = "FERRY_ROLLOUT_TARGET_SEQ", allocationSize = 50)
public class RolloutTargetEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_rollout_target_seq")
    public Long id;
    @Column(nullable = false)
    public long rolloutId;
    @Column(nullable = false, length = 130)
    public String registrationId;
    /** canary or rest. */
    @Column(nullable = false, length = 10)
    public String wave;
    @Column(nullable = false, length = 40)
    public String fromVersion;
    /** The registration's configs, feature states and overrides before, as JSON. */
    @Column(nullable = false, length = Store.TEXT)
    public String beforeState;
    /** pending, applied, failed or rolled-back. */
    @Column(nullable = false, length = 20)
    public String state;
    @Column(length = 2000)
    public String message;
    public Instant appliedAt;
}
