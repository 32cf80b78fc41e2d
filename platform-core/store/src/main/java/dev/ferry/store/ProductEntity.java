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

/** An installed product version: its descriptor as it was last seen in its bundle. */
@Entity
@Table(name = "FERRY_PRODUCT", uniqueConstraints = @UniqueConstraint(columnNames = {"productId", "version"}))
@SequenceGenerator(name = "ferry_product_seq", sequenceName = "FERRY_PRODUCT_SEQ", allocationSize = 10)
public class ProductEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_product_seq")
    public Long id;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 40)
    public String version;
    @Column(nullable = false, length = 200)
    public String name;
    @Column(nullable = false, length = 20)
    public String type;
    @Column(nullable = false, length = 20)
    public String lifecycle;
    @Column(nullable = false, length = Store.TEXT)
    public String descriptor;
    @Column(nullable = false, length = 64)
    public String descriptorHash;
    @Column(length = 300)
    public String source;
    @Column(nullable = false)
    public Instant installedAt;
    public Instant updatedAt;
}
