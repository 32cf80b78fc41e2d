package dev.ferry.engine.data;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.store.Store;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;

/** Change detection against Ferry's real persistence unit (Hibernate on in-memory Derby). */
public class WorkspaceCacheTest {

    private static EntityManagerFactory emf;
    private static Store store;
    private final WorkspaceCache cache = new WorkspaceCache();

    @BeforeClass
    public static void openStore() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:cache-test");
        ds.setCreateDatabase("create");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("javax.persistence.nonJtaDataSource", ds);
        props.put("hibernate.hbm2ddl.auto", "update");
        emf = Persistence.createEntityManagerFactory("ferry", props);
        store = new Store(emf);
    }

    @AfterClass
    public static void closeStore() {
        emf.close();
    }

    @Test
    public void labelsRecordsInsertedUpdatedUnchangedAndLaterDeletedInFullMode() {
        ResolvedRegistration reg = registration("w1", ReadMode.FULL);
        ResolvedService svc = reg.service("customers");

        WorkspaceCache.Changes first = write(reg, svc, 1, customer(1, "Ann", "10.50"), customer(2, "Bob", "3"));
        assertEquals(2, first.count(CacheEvent.Kind.INSERTED));
        assertEquals("w1:demo/customers", first.events().get(0).origin());

        WorkspaceCache.Changes second = write(reg, svc, 2, customer(1, "Ann", "10.50"), customer(2, "Bobby", "3"));
        assertEquals(0, second.count(CacheEvent.Kind.INSERTED));
        assertEquals(1, second.count(CacheEvent.Kind.UPDATED));
        assertEquals(1, second.unchanged());
        assertEquals("Bobby", second.events().get(0).values().get("name"));

        // run 3 sees only customer 2: customer 1 is gone from the source
        write(reg, svc, 3, customer(2, "Bobby", "3"));
        WorkspaceCache.Changes gone = store.inTransaction(em -> cache.sweep(em, reg, svc, 3, 500));
        assertEquals(List.of("1"), gone.events().stream().map(CacheEvent::key).collect(Collectors.toList()));
        assertEquals(CacheEvent.Kind.DELETED, gone.events().get(0).kind());
        assertEquals("Ann", gone.events().get(0).values().get("name"));
        assertEquals(0, store.inTransaction(em -> cache.sweep(em, reg, svc, 3, 500)).events().size());
    }

    @Test
    public void workspacesDoNotSeeEachOthersRecordsAndDuplicatesInAPageCountOnce() {
        ResolvedRegistration a = registration("wa", ReadMode.INCREMENTAL);
        ResolvedRegistration b = registration("wb", ReadMode.INCREMENTAL);
        assertEquals(1, write(a, a.service("customers"), 1, customer(7, "Old", "1"), customer(7, "New", "1")).events().size());
        WorkspaceCache.Changes inB = write(b, b.service("customers"), 1, customer(7, "New", "1"));
        assertEquals(1, inB.count(CacheEvent.Kind.INSERTED));
        assertEquals(1, write(a, a.service("customers"), 2, customer(7, "New", "1")).unchanged());
    }

    @Test
    public void aRecordTooLargeToStoreIsRejectedAndTheOthersAreTaken() {
        ResolvedRegistration reg = registration("wl", ReadMode.INCREMENTAL);
        Map<String, String> rejected = new LinkedHashMap<>();
        WorkspaceCache.Changes changes = store.inTransaction(em -> cache.write(em, reg, reg.service("customers"),
                List.of(customer(1, "x".repeat(Store.TEXT), "1"), customer(2, "Bob", "1")), 1, rejected::put));
        assertEquals(1, changes.count(CacheEvent.Kind.INSERTED));
        assertEquals(List.of("record 1"), new ArrayList<>(rejected.keySet()));
    }

    private WorkspaceCache.Changes write(ResolvedRegistration reg, ResolvedService svc, long run, DataRecord... records) {
        return store.inTransaction(em -> cache.write(em, reg, svc, new ArrayList<>(List.of(records)), run,
                (location, reason) -> {
                    throw new AssertionError(location + ": " + reason);
                }));
    }

    private static DataRecord customer(long id, String name, String balance) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", name);
        v.put("balance", new BigDecimal(balance));
        v.put("since", LocalDate.of(2024, 1, 1));
        return DataRecord.of(v);
    }

    private static ResolvedRegistration registration(String workspace, ReadMode mode) {
        DataObject object = new DataObject("customers", List.of(new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("name", FieldType.STRING, false), new FieldSpec("balance", FieldType.DECIMAL, false),
                new FieldSpec("since", FieldType.DATE, false)), List.of("id"), Config.empty());
        ProductDescriptor.ServiceDef def = new ProductDescriptor.ServiceDef("customers", "file", "csv", "cache-writer",
                mode.name().toLowerCase(), Map.of(), null);
        ResolvedService svc = new ResolvedService(def, ServiceType.CACHE_WRITER, null, Config.empty(), object, mode);
        ProductDescriptor product = new ProductDescriptor("demo", "1.0.0", "Demo", null, null, null, List.of("file"),
                null, null, List.of(def), null, null);
        return new ResolvedRegistration(workspace + ":demo", workspace, product, Map.of(), Map.of(), Map.of("customers", svc));
    }
}
