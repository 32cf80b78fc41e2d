package dev.ferry.connector.api;

import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

/** What vendors construct, built by builders, equals what the constructors make, and is checked the same way. */
public class BuildersTest {

    @Test
    public void buildersMakeWhatTheConstructorsMake() {
        assertEquals(new ConnectorInfo("ftp", "FTP", "1.2.0", "Acme", "files over FTP"),
                ConnectorInfo.builder("ftp").name("FTP").version("1.2.0").vendor("Acme").description("files over FTP").build());
        assertEquals(new ConfigField("url", ConfigType.URI, true, null, false, "where"),
                ConfigField.builder("url", ConfigType.URI).required().description("where").build());
        assertEquals(new ConfigField("password", ConfigType.STRING, false, null, true, ""),
                ConfigField.builder("password", ConfigType.STRING).secret().build());
        ConfigField table = ConfigField.builder("table", ConfigType.STRING).required().build();
        assertEquals(new ModuleSpec("table", "a table", Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR),
                        Set.of(Operation.UPSERT), List.of(table)),
                ModuleSpec.builder("table").description("a table").serviceType(ServiceType.CACHE_WRITER)
                        .serviceType(ServiceType.ACTION_PROCESSOR).operation(Operation.UPSERT).objectOption(table).build());
        FieldSpec id = new FieldSpec("id", FieldType.INTEGER, true);
        assertEquals(new DataObject("customers", List.of(id), List.of("id"), Config.of(Map.of("table", "C"))),
                DataObject.builder("customers").field(id).primaryKey("id").options(Config.of(Map.of("table", "C"))).build());
    }

    @Test
    public void buildersCheckWhatTheConstructorsCheck() {
        assertThrows(IllegalArgumentException.class, () -> ConnectorInfo.builder("FTP").name("x").version("1").vendor("v").build());
        assertThrows(NullPointerException.class, () -> ConnectorInfo.builder("ftp").name("x").vendor("v").build());
        assertThrows(IllegalArgumentException.class, () -> ConfigField.builder("port", ConfigType.INTEGER).defaultValue("x").build());
        assertThrows(IllegalArgumentException.class, () -> DataObject.builder("c")
                .field(new FieldSpec("id", FieldType.INTEGER, true)).build());
    }
}
