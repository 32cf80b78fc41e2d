package dev.ferry.engine.data;

import dev.ferry.connector.api.data.FieldType;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/** Object and array values in the cache and the action queue: stored and read back as they were, hashed as one. */
public class RecordCodecTest {

    private static byte[] bytes(Object value) {
        Bytes out = new Bytes(16);
        RecordCodec.write(out, value);
        return out.toArray();
    }

    @Test
    public void objectsAndArraysComeBackAsTheyWereStored() {
        Object order = FieldType.OBJECT.coerce("{\"customer\": {\"name\": \"Ada\", \"vip\": true}, \"total\": 12.50,"
                + " \"lines\": [{\"sku\": \"A-1\", \"qty\": 2}, null, [1, \"two\"]], \"note\": null}");
        Object back = RecordCodec.read(new Bytes.Reader(bytes(order)));
        assertEquals(order, back);
        assertEquals(new BigDecimal("12.50"), ((Map<?, ?>) back).get("total"));
        Object tags = FieldType.ARRAY.coerce(List.of("a", 1, false));
        assertEquals(tags, RecordCodec.read(new Bytes.Reader(bytes(tags))));
    }

    @Test
    public void theSameObjectHashesTheSameWhateverOrderItsMembersCameIn() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 1);
        one.put("a", Arrays.asList("x", null));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("a", Arrays.asList("x", null));
        other.put("b", 1L);
        assertArrayEquals(bytes(FieldType.OBJECT.coerce(one)), bytes(FieldType.OBJECT.coerce(other)));
        assertFalse("a changed member is a changed record", Arrays.equals(bytes(FieldType.OBJECT.coerce(one)),
                bytes(FieldType.OBJECT.coerce(Map.of("a", List.of("y"), "b", 1)))));
    }
}
