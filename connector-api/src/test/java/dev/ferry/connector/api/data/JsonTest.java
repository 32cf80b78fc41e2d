package dev.ferry.connector.api.data;

import org.junit.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Object and array fields: JSON text and Java maps and lists in, one model out, the same text back. */
public class JsonTest {

    @Test
    public void anObjectFieldTakesJsonTextOrAMapAndGivesOneModel() {
        Map<String, Object> fromLibrary = new LinkedHashMap<>();
        fromLibrary.put("zip", "1012");
        fromLibrary.put("city", "Amsterdam");
        fromLibrary.put("floor", 3);
        fromLibrary.put("lat", 52.37);
        fromLibrary.put("tags", Arrays.asList("home", null, true));
        Object fromText = FieldType.OBJECT.coerce(
                "{\"zip\": \"1012\", \"city\": \"Amsterdam\", \"floor\": 3, \"lat\": 52.37, \"tags\": [\"home\", null, true]}");
        Object fromMap = FieldType.OBJECT.coerce(fromLibrary);
        assertEquals("the same object, whatever order its members came in", fromText, fromMap);
        assertEquals(List.of("city", "floor", "lat", "tags", "zip"), List.copyOf(((Map<?, ?>) fromText).keySet()));
        assertEquals(3L, ((Map<?, ?>) fromText).get("floor"));
        assertEquals(new BigDecimal("52.37"), ((Map<?, ?>) fromMap).get("lat"));
        assertEquals("{\"city\":\"Amsterdam\",\"floor\":3,\"lat\":52.37,\"tags\":[\"home\",null,true],\"zip\":\"1012\"}",
                Json.write(fromText));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) fromText).put("x", 1));
        assertEquals(null, FieldType.OBJECT.coerce(" "));
    }

    @Test
    public void anArrayFieldTakesJsonTextOrAList() {
        assertEquals(List.of(1L, new BigDecimal("2.5"), "three", Map.of("four", 4L)),
                FieldType.ARRAY.coerce("[1, 2.5, \"three\", {\"four\": 4}]"));
        assertEquals(List.of(1L, 2L), FieldType.ARRAY.coerce(List.of(1, 2)));
        assertEquals("[\"a\\\"b\\n\",12345678901234567890,-5E+2]",
                Json.write(Json.parse("[\"a\\\"b\\n\", 12345678901234567890, -0.5e3]")));
    }

    @Test
    public void valuesThatAreNotTheRightJsonAreRefusedSayingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldType.OBJECT.coerce("[1]"));
        assertEquals("'[1]' is not an object", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FieldType.ARRAY.coerce("{\"a\": }"));
        assertEquals("'{\"a\": }' is not an array: not JSON at character 7: '}' starts no JSON value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FieldType.OBJECT.coerce("{\"a\": 1} x"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("not JSON at character 10: unexpected text after the value"));
        e = assertThrows(IllegalArgumentException.class, () -> FieldType.OBJECT.coerce(Map.of("a", Double.NaN)));
        assertTrue(e.getMessage(), e.getMessage().endsWith("NaN is not a JSON number"));
        assertThrows(IllegalArgumentException.class, () -> FieldType.ARRAY.coerce("[".repeat(Json.MAX_DEPTH + 2)));
        assertEquals(FieldType.OBJECT, FieldType.fromLabel("object"));
    }

    @Test
    public void aRecordIsOneObjectInItsFieldOrderWithTimesAsIsoText() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 7L);
        values.put("placed", java.time.LocalDate.parse("2026-12-07"));
        values.put("at", java.time.Instant.parse("2026-12-07T08:30:00Z"));
        values.put("total", new BigDecimal("9.90"));
        values.put("paid", false);
        values.put("note", null);
        values.put("to", Map.of("city", "Utrecht"));
        assertEquals("{\"id\":7,\"placed\":\"2026-12-07\",\"at\":\"2026-12-07T08:30:00Z\",\"total\":9.90,\"paid\":false,"
                + "\"note\":null,\"to\":{\"city\":\"Utrecht\"}}", Json.record(DataRecord.of(values)));
    }

    @Test
    public void aKeyIsNeverAnObjectOrAnArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataObject.builder("orders")
                .field(new FieldSpec("lines", FieldType.ARRAY, true)).primaryKey("lines").build());
        assertEquals("primary key field 'lines' is array: a key is made of strings, numbers, booleans, dates and times",
                e.getMessage());
    }

    @Test
    public void aRecordCarriesItsObjectAndArrayValues() {
        DataObject orders = DataObject.builder("orders").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("customer", FieldType.OBJECT, false))
                .field(new FieldSpec("lines", FieldType.ARRAY, false)).primaryKey("id").build();
        DataRecord record = orders.toRecord(Map.of("id", "7", "customer", "{\"name\": \"Ada\"}",
                "lines", "[{\"sku\": \"A-1\", \"qty\": 2}]"));
        assertEquals(Map.of("name", "Ada"), record.get("customer"));
        assertEquals(List.of(Map.of("qty", 2L, "sku", "A-1")), record.get("lines"));
    }
}
