package dev.ferry.store;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityManager;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Transactions over Ferry's persistence unit, through Aries JPA's {@link JpaTemplate} for it: a transaction begun
 * by a call is joined by the calls nested in it (on the same thread, in the same OSGi coordination), so a run's
 * counts and the records they describe commit together or not at all. Outside OSGi (unit tests, tools) a
 * {@link LocalJpaTemplate} over an {@link EntityManagerFactory} does the same.
 */
@Component(service = Store.class)
public class Store {

    /** The longest text column (Derby's VARCHAR limit), for records, descriptors and activity states as JSON. */
    public static final int TEXT = 32_672;

    @Reference(target = "(&(osgi.unit.name=ferry)(transaction.type=RESOURCE_LOCAL))")
    private JpaTemplate jpa;
    /** Aries JPA makes the EntityManagerFactory as soon as the data source is there: wait for the migrated schema. */
    @Reference
    private StoreSchema schema;

    public Store() {
    }

    /** For use outside OSGi (tests, tools). */
    public Store(EntityManagerFactory emf) {
        this.jpa = new LocalJpaTemplate(emf);
    }

    /** Runs {@code work} in a transaction, the caller's when it has one; runtime exceptions roll it back. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EmFunction<T> function = work::apply;
        return jpa.txExpr(TransactionType.Required, function);
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }
}
