package dev.ferry.connector.jdbc;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class RedactionTest {

    @Test
    public void redactsPasswordsFromUrls() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                Redaction.url("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"));
        assertEquals("jdbc:derby://h:1527/db;user=u;password=***", Redaction.url("jdbc:derby://h:1527/db;user=u;password=pw"));
        assertEquals("jdbc:mariadb://u:***@h/db", Redaction.url("jdbc:mariadb://u:pw@h/db"));
        assertTrue(Redaction.url("jdbc:mariadb://h:3306/db").endsWith("h:3306/db"));
    }

    @Test
    public void masksEveryPasswordADriverMessageMightEcho() {
        List<String> secrets = Redaction.secrets("jdbc:mariadb://u:inurl@h/db?password=param", "configured");
        assertEquals(List.of("configured", "param", "inurl"), secrets);
        assertEquals("bad port ***@h, *** and ***", Redaction.message("bad port inurl@h, param and configured", secrets));
    }
}
