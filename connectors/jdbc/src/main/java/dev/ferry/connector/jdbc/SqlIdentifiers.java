package dev.ferry.connector.jdbc;

import java.util.regex.Pattern;

/**
 * Table and column names are plain identifiers: nothing that could end a quoted name and start other SQL. They are
 * quoted in the SQL Ferry writes ({@link SqlDialect#quote}), so keywords such as {@code order} are names too.
 */
final class SqlIdentifiers {

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern COLUMN = Pattern.compile(IDENTIFIER);
    private static final Pattern TABLE = Pattern.compile("(" + IDENTIFIER + "\\.)?" + IDENTIFIER);

    private SqlIdentifiers() {
    }

    static boolean isColumn(String name) {
        return name != null && COLUMN.matcher(name).matches();
    }

    /** A table name, optionally with one schema prefix ({@code schema.table}). */
    static boolean isTable(String name) {
        return name != null && TABLE.matcher(name).matches();
    }
}
