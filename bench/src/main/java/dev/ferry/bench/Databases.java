package dev.ferry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The machine's PostgreSQL (the source, and Ferry's store with {@code --store postgresql}) and MariaDB (the
 * targets). The bench works in databases of its own, made afresh on every run, never in the {@code test}
 * databases the project's tests use.
 */
final class Databases {

    /** host:port; system properties bench.postgres and bench.mariadb point the bench elsewhere. */
    static final String POSTGRES_HOST = System.getProperty("bench.postgres", "127.0.0.1:5432");
    static final String POSTGRES_USER = "postgres";
    static final String MARIADB_HOST = System.getProperty("bench.mariadb", "127.0.0.1:3306");
    static final String MARIADB_USER = "root";
    /** Databases that exist already, to connect to while the bench's own are made. */
    static final String POSTGRES_ADMIN_DB = "test";
    static final String MARIADB_ADMIN_DB = "test";

    static final String SOURCE_DB = "ferry_bench_source";
    static final String TARGET_DB = "ferry_bench_target";
    static final String STORE_DB = "ferry_bench_store";

    static String postgresUrl(String database) {
        return "jdbc:postgresql://" + POSTGRES_HOST + "/" + database;
    }

    static String mariadbUrl(String database) {
        return "jdbc:mariadb://" + MARIADB_HOST + "/" + database;
    }

    /** @throws BenchFailure naming each database that cannot be reached */
    static void checkReachable() {
        StringBuilder down = new StringBuilder();
        try (Connection c = postgres(POSTGRES_ADMIN_DB)) {
            c.isValid(5);
        } catch (SQLException e) {
            down.append("\n  PostgreSQL is not reachable at ").append(POSTGRES_HOST).append(" (user ")
                    .append(POSTGRES_USER).append(", database ").append(POSTGRES_ADMIN_DB).append("): ").append(e.getMessage());
        }
        try (Connection c = mariadb(MARIADB_ADMIN_DB)) {
            c.isValid(5);
        } catch (SQLException e) {
            down.append("\n  MariaDB is not reachable at ").append(MARIADB_HOST).append(" (user ")
                    .append(MARIADB_USER).append(", database ").append(MARIADB_ADMIN_DB).append("): ").append(e.getMessage());
        }
        if (down.length() > 0) {
            throw new BenchFailure("a database the bench needs is down:" + down);
        }
    }

    static Connection postgres(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", POSTGRES_USER);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(postgresUrl(database), p);
    }

    static Connection mariadb(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", MARIADB_USER);
        p.setProperty("connectTimeout", "10000");
        return DriverManager.getConnection(mariadbUrl(database), p);
    }

    /** Drops (ending its sessions) and creates a PostgreSQL database. */
    static void recreatePostgres(String database) {
        try (Connection c = postgres(POSTGRES_ADMIN_DB); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new BenchFailure("creating PostgreSQL database " + database, e);
        }
    }

    static void dropPostgres(String database) {
        try (Connection c = postgres(POSTGRES_ADMIN_DB); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new BenchFailure("dropping PostgreSQL database " + database, e);
        }
    }

    static void recreateMariadb(String database) {
        try (Connection c = mariadb(MARIADB_ADMIN_DB); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new BenchFailure("creating MariaDB database " + database, e);
        }
    }

    private Databases() {
    }
}
