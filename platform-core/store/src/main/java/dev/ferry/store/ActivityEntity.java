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

/** One entry of the activity log. */
@Entity
@Table(name = "FERRY_ACTIVITY", indexes = @Index(name = "FERRY_ACTIVITY_AT", columnList = "occurred_at"))
@SequenceGenerator(name = "ferry_activity_seq", sequenceName = "FERRY_ACTIVITY_SEQ", allocationSize = 1)
public class ActivityEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_activity_seq")
    public Long id;
    @Column(name = "occurred_at", nullable = false)
    public Instant at;
    @Column(nullable = false, length = 100)
    public String actor;
    @Column(nullable = false, length = 60)
    public String action;
    @Column(length = 63)
    public String productId;
    @Column(length = 63)
    public String workspace;
    @Column(length = 130)
    public String registrationId;
    @Column(nullable = false, length = 1000)
    public String summary;
    @Column(name = "before_state", length = Store.TEXT)
    public String before;
    @Column(name = "after_state", length = Store.TEXT)
    public String after;
    /** The hash of the entry before it in the chain (null for the first, and for entries written before the chain). */
    @Column(length = 64)
    public String prevHash;
    /** The hash over this entry's content and {@link #prevHash}. */
    @Column(length = 64)
    public String entryHash;

    /** What the hash is taken over: every field, with the previous entry's hash. */
    public String chained() {
        StringBuilder s = new StringBuilder();
        for (Object part : new Object[]{prevHash, id, at == null ? null : at.toEpochMilli(), actor, action, productId,
                workspace, registrationId, summary, before, after}) {
            s.append(part == null ? "\u0001" : part.toString()).append('\u0000');
        }
        return s.toString();
    }
}
