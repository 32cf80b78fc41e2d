package dev.ferry.store;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.UpdateSummaryEnum;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store's schema, brought up to date by Liquibase (the changelog {@value #CHANGELOG}) when the platform's data
 * source appears. {@link Store} and the scheduler take this service, so nothing reads or writes the store before its
 * schema is migrated; Hibernate only uses the schema ({@code hbm2ddl.auto=none}).
 */
@Component(service = StoreSchema.class, immediate = true)
public class StoreSchema {

    /** The master changelog: an ordered list of includes, one file per step of the schema. */
    public static final String CHANGELOG = "dev/ferry/store/db/changelog.xml";

    private static final Logger LOG = LoggerFactory.getLogger(StoreSchema.class);

    @Reference(target = "(osgi.jndi.service.name=ferryds)")
    private DataSource dataSource;
    private String databaseProduct;
    private String url;

    public StoreSchema() {
    }

    /** For use outside OSGi (tests, tools): migrates the schema behind this data source. */
    public StoreSchema(DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        activate();
    }

    @Activate
    void activate() throws Exception {
        long start = System.nanoTime();
        List<String> before = changesets(dataSource);
        databaseProduct = migrate(dataSource);
        try (java.sql.Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        List<String> ran = changesets(dataSource);
        ran = ran.subList(before.size(), ran.size());
        LOG.info("Ferry's store schema is up to date on {} ({} ms){}", databaseProduct, (System.nanoTime() - start) / 1_000_000,
                ran.isEmpty() ? "" : "; changesets run now: " + String.join(", ", ran));
    }

    /** The platform's data source, its schema migrated. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The store's JDBC URL, as its driver gives it (no password). */
    public String url() {
        return url;
    }

    /** The store's database, as its JDBC driver names it: {@code Apache Derby} or {@code PostgreSQL}. */
    public String databaseProduct() {
        return databaseProduct;
    }

    /** The changesets run (or marked ran) on this database, in their order: {@code file::id (EXECUTED|MARK_RAN)}. */
    static List<String> changesets(DataSource dataSource) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            String table = c.getMetaData().storesLowerCaseIdentifiers() ? "databasechangelog" : "DATABASECHANGELOG";
            try (ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
                if (!tables.next()) {
                    return out;
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select FILENAME, ID, EXECTYPE from DATABASECHANGELOG order by ORDEREXECUTED")) {
                while (rs.next()) {
                    out.add(rs.getString(1).replaceFirst(".*/", "") + "::" + rs.getString(2) + " (" + rs.getString(3) + ")");
                }
            }
        }
        return out;
    }

    /**
     * Runs the changelog's changesets that have not run on this database yet.
     *
     * @return the database product name
     */
    public static String migrate(DataSource dataSource) throws Exception {
        // Liquibase finds its own parts with ServiceLoader on the scope's (else the thread's) class loader, and the
        // changelog through the resource accessor: its own bundle for the first, this bundle for the second.
        ClassLoader liquibase = Liquibase.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(liquibase);
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Object> scope = Map.of(
                    Scope.Attr.classLoader.name(), liquibase,
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(StoreSchema.class.getClassLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    AnalyticsArgs.ENABLED.getKey(), false); // it would call home otherwise
            try {
                return Scope.child(scope, () -> {
                    Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                            .execute();
                    return connection.getMetaData().getDatabaseProductName();
                });
            } finally {
                // Liquibase commits each changeset; what it leaves open is its last read (Derby refuses to close that)
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
