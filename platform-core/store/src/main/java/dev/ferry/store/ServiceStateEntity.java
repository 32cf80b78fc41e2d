package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import java.time.Instant;

/** Where a registration's cache writer resumes: the cursor its last successful read returned. */
@Entity
@Table(name = "FERRY_SERVICE_STATE", uniqueConstraints = @UniqueConstraint(columnNames = {"registrationId", "serviceId"}))
@SequenceGenerator(name = "ferry_service_state_seq", sequenceName = "FERRY_SERVICE_STATE_SEQ", allocationSize = 10)
public class ServiceStateEntity extends ServiceScoped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_service_state_seq")
    public Long id;
    @Column(name = "read_cursor", length = 16_000)
    public String cursor;
    public Instant updatedAt;
}
