package dev.ferry.store;

import javax.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Queries over {@link ProductEntity}: the product versions the platform has loaded, one row per id and version. */
public final class Products {

    private Products() {
    }

    public static List<ProductEntity> all(EntityManager em) {
        return em.createQuery("select p from ProductEntity p", ProductEntity.class).getResultList();
    }

    public static Optional<ProductEntity> find(EntityManager em, String productId, String version) {
        return em.createQuery("select p from ProductEntity p where p.productId = :id and p.version = :v", ProductEntity.class)
                .setParameter("id", productId).setParameter("v", version).getResultStream().findFirst();
    }

    /** The stored descriptor (JSON) of a product version, without loading the rest of its row. */
    public static Optional<String> descriptor(EntityManager em, String productId, String version) {
        return em.createQuery("select p.descriptor from ProductEntity p where p.productId = :id and p.version = :v", String.class)
                .setParameter("id", productId).setParameter("v", version).getResultStream().findFirst();
    }
}
