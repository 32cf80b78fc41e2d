package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A row to lock for a sequence of writes that must not interleave, also across the nodes of a cluster on one store
 * (the activity log's hash chain takes row {@code activity}).
 */
@Entity
@Table(name = "FERRY_LOCK")
public class LockEntity {
    @Id
    @Column(length = 60)
    public String name;
}
