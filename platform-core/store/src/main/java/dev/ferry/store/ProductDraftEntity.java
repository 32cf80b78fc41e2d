package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import java.time.Instant;

/**
 * A product version authored in Ferry (uploaded over REST or the shell) rather than shipped in a bundle: its
 * descriptor as uploaded, a draft until it is published into Ferry's product repository.
 */
@Entity
@Table(name = "FERRY_PRODUCT_DRAFT")
public class ProductDraftEntity {
    /** {@code <product>@<version>}. */
    @Id
    @Column(length = 110)
    public String id;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 40)
    public String version;
    /** The descriptor as uploaded (JSON). */
    @Column(nullable = false, length = Store.TEXT)
    public String descriptor;
    /** {@code draft} or {@code published}. */
    @Column(nullable = false, length = 20)
    public String status;
    @Column(nullable = false)
    public Instant createdAt;
    @Column(nullable = false)
    public Instant updatedAt;
    @Column(length = 100)
    public String updatedBy;
    public Instant publishedAt;
    @Column(length = 100)
    public String publishedBy;

    public static String id(String product, String version) {
        return product + "@" + version;
    }
}
