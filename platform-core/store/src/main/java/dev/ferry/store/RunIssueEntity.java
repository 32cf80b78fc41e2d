package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;

/** A record a run could not take (a malformed line, a value of the wrong type). */
@Entity
@Table(name = "FERRY_RUN_ISSUE", indexes = @Index(name = "FERRY_RUN_ISSUE_RUN", columnList = "runId"))
@SequenceGenerator(name = "ferry_run_issue_seq", sequenceName = "FERRY_RUN_ISSUE_SEQ", allocationSize = 50)
public class RunIssueEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_run_issue_seq")
    public Long id;
    public long runId;
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 100)
    public String step;
    @Column(nullable = false, length = 500)
    public String location;
    @Column(nullable = false, length = 2000)
    public String reason;
}
