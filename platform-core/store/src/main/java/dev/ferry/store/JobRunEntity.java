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

/** One run of a registration's job, with its counts (updated while it runs). */
@Entity
@Table(name = "FERRY_JOB_RUN", indexes = {@Index(name = "FERRY_JOB_RUN_REG", columnList = "registrationId,jobId"),
        @Index(name = "FERRY_JOB_RUN_PRODUCT", columnList = "productId,registrationId,id"),
        @Index(name = "FERRY_JOB_RUN_FAILURES", columnList = "productId,status,startedAt")})
@SequenceGenerator(name = "ferry_job_run_seq", sequenceName = "FERRY_JOB_RUN_SEQ", allocationSize = 1)
public class JobRunEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_job_run_seq")
    public Long id;
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 130)
    public String registrationId;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 100)
    public String jobId;
    @Column(name = "run_trigger", nullable = false, length = 200)
    public String trigger;
    @Column(nullable = false, length = 20)
    public String status;
    @Column(nullable = false)
    public Instant startedAt;
    /** When the schedule meant the run to start (scheduled runs only). */
    public Instant scheduledAt;
    public Instant finishedAt;
    @Column(length = 100)
    public String step;
    public long rowsRead;
    public long rowsRejected;
    public long inserted;
    public long updated;
    public long deleted;
    public long unchanged;
    public long actionsSucceeded;
    public long actionsFailed;
    @Column(length = 4000)
    public String message;
}
