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
import java.util.List;

/** A workspace-scoped API token: the SHA-256 of its secret, never the secret. */
@Entity
@Table(name = "FERRY_API_TOKEN", uniqueConstraints = @UniqueConstraint(name = "FERRY_API_TOKEN_NAME",
        columnNames = {"workspace", "name"}))
@SequenceGenerator(name = "ferry_api_token_seq", sequenceName = "FERRY_API_TOKEN_SEQ", allocationSize = 1)
public class ApiTokenEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ferry_api_token_seq")
    public Long id;
    @Column(nullable = false, length = 63)
    public String workspace;
    @Column(nullable = false, length = 63)
    public String name;
    @Column(nullable = false, length = 20)
    public String role;
    /** Hex SHA-256 of the secret. */
    @Column(nullable = false, length = 64)
    public String secretHash;
    @Column(nullable = false)
    public Instant createdAt;
    @Column(length = 100)
    public String createdBy;
    public Instant lastUsedAt;
    public Instant revokedAt;
    @Column(length = 100)
    public String revokedBy;

    /** A workspace's tokens, newest first. */
    public static List<ApiTokenEntity> of(javax.persistence.EntityManager em, String workspace) {
        return em.createQuery("select t from ApiTokenEntity t where t.workspace = :w order by t.id desc",
                ApiTokenEntity.class).setParameter("w", workspace).getResultList();
    }
}
