package dev.ferry.connector.api.data;

import dev.ferry.connector.api.Config;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Records as a data object builds them (what connectors emit) and as a map builds them: the same to their users. */
public class DataRecordTest {

    private static final DataObject CUSTOMERS = new DataObject("customers", List.of(
            new FieldSpec("id", FieldType.INTEGER, true),
            new FieldSpec("email", FieldType.STRING, false),
            new FieldSpec("balance", FieldType.DECIMAL, false)),
            List.of("id"), Config.empty());

    /** Values already of their type's class are kept as they are; others are converted, blanks emptied, wrong ones refused. */
    @Test
    public void valuesOfTheirTypeAreKeptAndOthersConverted() {
        DataObject all = new DataObject("all", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("s", FieldType.STRING, false),
                new FieldSpec("d", FieldType.DECIMAL, false),
                new FieldSpec("b", FieldType.BOOLEAN, false),
                new FieldSpec("day", FieldType.DATE, false),
                new FieldSpec("at", FieldType.TIMESTAMP, false)),
                List.of("id"), Config.empty());
        Long id = 123_456_789L;
        String text = "  x  ";
        BigDecimal amount = new BigDecimal("1.50");
        java.time.LocalDate day = java.time.LocalDate.of(2024, 2, 29);
        java.time.Instant at = java.time.Instant.parse("2024-03-10T06:30:00.123456Z");
        DataRecord kept = all.toRecord(Arrays.asList(id, text, amount, Boolean.TRUE, day, at));
        assertTrue(kept.get("id") == id && kept.get("s") == text && kept.get("d") == amount
                && kept.get("b") == Boolean.TRUE && kept.get("day") == day && kept.get("at") == at);
        DataRecord converted = all.toRecord(Arrays.asList(7, 42L, "1.5", "yes", java.sql.Date.valueOf(day), " "));
        assertEquals(7L, converted.get("id"));
        assertEquals("42", converted.get("s"));
        assertEquals(new BigDecimal("1.5"), converted.get("d"));
        assertEquals(Boolean.TRUE, converted.get("b"));
        assertEquals(day, converted.get("day"));
        assertNull("a blank timestamp is empty", converted.get("at"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> all.toRecord(Arrays.asList(1L, "s", "1.5", "maybe", day, at)));
        assertTrue(wrong.getMessage(), wrong.getMessage().startsWith("field 'b':"));
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> all.toRecord(Arrays.asList(null, "s", amount, true, day, at)));
        assertTrue(noKey.getMessage(), noKey.getMessage().contains("'id' is required"));
    }

    @Test
    public void aRecordFromRowValuesIsTheRecordOfTheSameMap() {
        DataRecord fromRow = CUSTOMERS.toRecord(Arrays.asList("7", "a@example.com", null));
        DataRecord fromRaw = CUSTOMERS.toRecord(Map.of("id", "7", "email", "a@example.com"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 7L);
        values.put("email", "a@example.com");
        values.put("balance", null);
        DataRecord fromMap = DataRecord.of(values);

        for (DataRecord r : List.of(fromRow, fromRaw)) {
            assertEquals(fromMap, r);
            assertEquals(r, fromMap);
            assertEquals(fromMap.hashCode(), r.hashCode());
            assertEquals(fromMap.toString(), r.toString());
            assertEquals(List.of("id", "email", "balance"), new ArrayList<>(r.fields()));
            assertEquals(Arrays.asList(7L, "a@example.com", null), new ArrayList<>(r.values().values()));
            assertEquals(7L, r.get("id"));
            assertEquals("a name built at run time finds its field", "a@example.com", r.get(new String("email")));
            assertNull(r.get("balance"));
            assertTrue("a field without a value is still a field", r.values().containsKey("balance"));
            assertFalse(r.values().containsKey("name"));
            assertNull(r.get("name"));
            assertEquals(List.of(7L), CUSTOMERS.keyOf(r));
        }
    }

    @Test
    public void aRecordCannotBeChangedThroughItsValues() {
        DataRecord r = CUSTOMERS.toRecord(Arrays.asList(7, "a@example.com", new BigDecimal("1.50")));
        Map<String, Object> values = r.values();
        assertThrows(UnsupportedOperationException.class, () -> values.put("email", "b@example.com"));
        assertThrows(UnsupportedOperationException.class, () -> values.remove("email"));
        assertThrows(UnsupportedOperationException.class, values::clear);
        assertThrows(UnsupportedOperationException.class, () -> values.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> values.entrySet().iterator().next().setValue(1));
        Iterator<String> names = values.keySet().iterator();
        names.next();
        assertThrows(UnsupportedOperationException.class, names::remove);
        assertEquals("a@example.com", r.get("email"));
    }

    @Test
    public void anObjectWithManyFieldsBuildsTheSameRecords() {
        List<FieldSpec> fields = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            fields.add(new FieldSpec("f" + i, FieldType.INTEGER, false));
            row.add(i);
            expected.put("f" + i, (long) i);
        }
        DataObject wide = new DataObject("wide", fields, List.of("f0"), Config.empty());
        DataRecord r = wide.toRecord(row);
        assertEquals(DataRecord.of(expected), r);
        assertEquals(39L, r.get("f39"));
        assertThrows(UnsupportedOperationException.class, () -> r.values().put("f1", 2L));
    }

    @Test
    public void aValueThatDoesNotFitNamesItsField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CUSTOMERS.toRecord(Arrays.asList("seven", null, null)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("field 'id': "));
        e = assertThrows(IllegalArgumentException.class, () -> CUSTOMERS.toRecord(Arrays.asList(null, null, null)));
        assertEquals("field 'id' is required but empty", e.getMessage());
    }
}
