package dev.ferry.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A target table against the source: the same ids (count, sum and XOR of the ids on each side) and the same
 * values (both tables streamed in id order and compared row by row).
 *
 * @param sourceRows      rows in the source
 * @param targetRows      rows in the target
 * @param sameIds         whether count, sum and XOR of the ids agree
 * @param differentRows   rows missing from the target, extra in it, or with other values
 * @param firstDifference the first of those, for the log, or null
 */
record TableComparison(long sourceRows, long targetRows, boolean sameIds, long differentRows, String firstDifference) {

    private static final int FETCH = 5_000;

    boolean sameContent() {
        return sameIds && differentRows == 0;
    }

    static TableComparison of(String targetTable) {
        try (Connection source = Databases.postgres(Databases.SOURCE_DB);
             Connection target = Databases.mariadb(Databases.TARGET_DB)) {
            IdDigest s = IdDigest.of(source, SourceTable.TABLE);
            IdDigest t = IdDigest.of(target, targetTable);
            return compareRows(source, target, targetTable, s, t);
        } catch (SQLException e) {
            throw new BenchFailure("comparing " + targetTable + " with the source", e);
        }
    }

    private static TableComparison compareRows(Connection source, Connection target, String targetTable,
                                               IdDigest s, IdDigest t) throws SQLException {
        String select = "SELECT " + Column.names() + " FROM %s ORDER BY id";
        source.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
        Column[] columns = Column.values();
        long different = 0;
        String first = null;
        try (PreparedStatement sq = source.prepareStatement(select.formatted(SourceTable.TABLE));
             PreparedStatement tq = target.prepareStatement(select.formatted(targetTable))) {
            sq.setFetchSize(FETCH);
            tq.setFetchSize(FETCH);
            try (ResultSet sr = sq.executeQuery(); ResultSet tr = tq.executeQuery()) {
                boolean hasS = sr.next();
                boolean hasT = tr.next();
                while (hasS || hasT) {
                    long sid = hasS ? sr.getLong(1) : Long.MAX_VALUE;
                    long tid = hasT ? tr.getLong(1) : Long.MAX_VALUE;
                    String problem = null;
                    if (sid < tid) {
                        problem = "id " + sid + " is missing from " + targetTable;
                        hasS = sr.next();
                    } else if (tid < sid) {
                        problem = "id " + tid + " is in " + targetTable + " but not in the source";
                        hasT = tr.next();
                    } else {
                        for (int i = 1; i < columns.length && problem == null; i++) {
                            Object a = columns[i].read(sr, i + 1);
                            Object b = columns[i].read(tr, i + 1);
                            if (!columns[i].same(a, b)) {
                                problem = "id " + sid + ": " + columns[i].name + " is " + a + " in the source, " + b
                                        + " in " + targetTable;
                            }
                        }
                        hasS = sr.next();
                        hasT = tr.next();
                    }
                    if (problem != null) {
                        different++;
                        first = first == null ? problem : first;
                    }
                }
            }
        } finally {
            source.rollback();
        }
        return new TableComparison(s.count, t.count, s.equals(t), different, first);
    }

    private record IdDigest(long count, BigDecimal sum, long xor) {
        static IdDigest of(Connection c, String table) throws SQLException {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(id), 0), coalesce(bit_xor(id), 0) FROM " + table)) {
                r.next();
                return new IdDigest(r.getLong(1), r.getBigDecimal(2).stripTrailingZeros(), r.getLong(3));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdDigest d && d.count == count && d.sum.compareTo(sum) == 0 && d.xor == xor;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(count);
        }
    }
}
