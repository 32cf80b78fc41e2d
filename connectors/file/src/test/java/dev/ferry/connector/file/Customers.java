package dev.ferry.connector.file;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The data object the tests read and write: one field of every type. */
final class Customers {

    private Customers() {
    }

    static final String CSV_HEADER = "id,name,balance,active,born,updated";

    static DataObject object(Map<String, String> options) {
        return new DataObject("customers", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("name", FieldType.STRING, false),
                new FieldSpec("balance", FieldType.DECIMAL, false),
                new FieldSpec("active", FieldType.BOOLEAN, false),
                new FieldSpec("born", FieldType.DATE, false),
                new FieldSpec("updated", FieldType.TIMESTAMP, false)),
                List.of("id"), Config.of(options));
    }

    static DataObject object() {
        return object(Map.of());
    }

    static String csvRow(long id) {
        return id + ",name " + id + "," + id + ".25," + (id % 2 == 0) + ",1990-01-" + String.format("%02d", 1 + id % 28)
                + ",2024-05-01T10:00:" + String.format("%02d", id % 60) + "Z";
    }

    static Config connection(Path directory) {
        return Config.of(Map.of("directory", directory.toString()));
    }
}
