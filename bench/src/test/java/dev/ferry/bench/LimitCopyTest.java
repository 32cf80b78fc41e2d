package dev.ferry.bench;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class LimitCopyTest {

    @Test
    public void oneStatementUpsertsManyRows() {
        String sql = LimitCopy.upsert("t", 3);
        assertTrue(sql, sql.startsWith("INSERT INTO t (id, first_name, last_name, email, city, age, balance, active, birth_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?"));
        assertEquals(30, sql.chars().filter(c -> c == '?').count());
        assertTrue(sql, sql.endsWith("ON DUPLICATE KEY UPDATE first_name = VALUES(first_name), last_name = VALUES(last_name),"
                + " email = VALUES(email), city = VALUES(city), age = VALUES(age), balance = VALUES(balance),"
                + " active = VALUES(active), birth_date = VALUES(birth_date), created_at = VALUES(created_at)"));
    }
}
