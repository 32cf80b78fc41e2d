package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class TableObjectTest {

    @Test
    public void acceptsPlainAndSchemaQualifiedNames() {
        assertEquals("app.customers_2", TableObject.of(object("app.customers_2", "id")).table());
        assertEquals(2000, TableObject.of(object("T", "id")).batchSize());
    }

    @Test
    public void refusesNamesThatCouldCarrySql() {
        for (String table : List.of("customers; DROP TABLE x", "a.b.c", "1abc", "\"quoted\"", "a b", "")) {
            ConfigException e = assertThrows(ConfigException.class, () -> TableObject.of(object(table, "id")));
            assertEquals(table, "table", e.problems().get(0).field());
        }
        ConfigException field = assertThrows(ConfigException.class, () -> TableObject.of(object("t", "id--")));
        assertEquals("id--", field.problems().get(0).field());
    }

    @Test
    public void theCursorColumnMustBeAField() {
        DataObject object = new DataObject("o", List.of(new FieldSpec("id", FieldType.INTEGER, true)), List.of("id"),
                Config.of(Map.of("table", "t", "cursorColumn", "updated", "batchSize", "0")));
        ConfigException e = assertThrows(ConfigException.class, () -> TableObject.of(object));
        assertEquals(List.of("cursorColumn", "batchSize"), e.problems().stream().map(ConfigException.Problem::field).toList());
    }

    private static DataObject object(String table, String keyField) {
        return new DataObject("o", List.of(new FieldSpec(keyField, FieldType.INTEGER, true)), List.of(keyField),
                Config.of(Map.of("table", table)));
    }
}
