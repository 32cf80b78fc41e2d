package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.MappedSuperclass;

/** A row that belongs to one service of one registration, and so to that registration's workspace. */
@MappedSuperclass
public abstract class ServiceScoped {
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 130)
    public String registrationId;
    @Column(nullable = false, length = 100)
    public String serviceId;
}
