package dev.ferry.store;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Transactions over Ferry's persistence unit. A transaction started on a thread is joined by nested calls on the
 * same thread, so a cache write and the actions its events create commit together or not at all.
 */
@Component(service = Store.class)
public class Store {

    /** The longest text column (Derby's VARCHAR limit), for records, descriptors and activity states as JSON. */
    public static final int TEXT = 32_672;

    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    @Reference(target = "(osgi.unit.name=ferry)")
    private EntityManagerFactory emf;
    /** Aries JPA makes the EntityManagerFactory as soon as the data source is there: wait for the migrated schema. */
    @Reference
    private StoreSchema schema;

    public Store() {
    }

    /** For use outside OSGi (tests, tools). */
    public Store(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        current.set(em);
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            current.remove();
            em.close();
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }
}
