package dev.ferry.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import java.time.Instant;

/**
 * A workspace's copy of a product's flow template: the stages the workspace's registration of the product runs for
 * that flow, made from the template when the product was first registered there and edited for that workspace only.
 */
@Entity
@Table(name = "FERRY_FLOW_COPY", indexes = @Index(name = "FERRY_FLOW_COPY_WS", columnList = "workspace, productId"))
public class FlowCopyEntity {
    /** {@code <workspace>/<product>/<flow>}. */
    @Id
    @Column(length = 200)
    public String id;
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 63)
    public String productId;
    @Column(nullable = false, length = 63)
    public String flowId;
    /** The product version whose template was copied. */
    @Column(nullable = false, length = 40)
    public String templateVersion;
    /** The template's stages as copied (JSON): what the copy's difference is measured against. */
    @Column(nullable = false, length = Store.TEXT)
    public String template;
    /** The copy's stages (JSON). */
    @Column(nullable = false, length = Store.TEXT)
    public String stages;
    @Column(nullable = false)
    public boolean edited;
    @Column(nullable = false)
    public Instant copiedAt;
    @Column(nullable = false)
    public Instant updatedAt;
    @Column(length = 100)
    public String updatedBy;

    public static String id(String workspace, String product, String flow) {
        return workspace + "/" + product + "/" + flow;
    }
}
