package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "FERRY_WORKSPACE")
public class WorkspaceEntity {
    @Id
    @Column(length = 63)
    public String name;
    @Column(nullable = false, length = 20)
    public String type;
    @Column(length = 1000)
    public String description;
    @Column(nullable = false)
    public Instant createdAt;
}
