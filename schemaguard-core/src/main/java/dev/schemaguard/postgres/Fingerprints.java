package dev.schemaguard.postgres;

import dev.schemaguard.postgres.Catalog.Column;
import dev.schemaguard.postgres.Catalog.Table;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * Fingerprints of a database's data, and what differs between two of them. The rehearsal takes one before a
 * migration and one after the migration and its down migration: data that existed before and is gone or changed
 * after is data the round trip lost.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * What the data of a database is, compactly: per table its rows and per column its non-NULL values, each as a
     * multiset of 64-bit hashes, so that two fingerprints tell whether data was lost or changed without keeping the
     * data. Taken by {@link Fingerprints#take}, compared by {@link Fingerprints#compare}.
     *
     * @param tables by display name, sorted
     */
    public record DataFingerprint(Map<String, TableFingerprint> tables) {
    }

    /**
     * One table's data.
     *
     * @param table   display name
     * @param rows    a hash per row, of its values in the order of the column names (so a column moved to the
     *                end by a drop and re-add hashes alike)
     * @param columns per column in table order, a hash per non-NULL value
     */
    public record TableFingerprint(String table, ValueHashes rows, Map<String, ValueHashes> columns) {

        public int rowCount() {
            return rows.size();
        }
    }

    /**
     * A multiset of value hashes, sorted: equal multisets are equal whatever order the rows came in.
     *
     * @param hashes the hashes in ascending order
     */
    public record ValueHashes(long[] hashes) {

        public ValueHashes {
            hashes = hashes.clone();
            Arrays.sort(hashes);
        }

        @Override
        public long[] hashes() {
            return hashes.clone();
        }

        public int size() {
            return hashes.length;
        }

        /** How many of these hashes, counted with repetition, {@code other} does not hold. */
        public int missingFrom(ValueHashes other) {
            int missing = 0;
            int j = 0;
            for (long hash : hashes) {
                while (j < other.hashes.length && other.hashes[j] < hash) {
                    j++;
                }
                if (j < other.hashes.length && other.hashes[j] == hash) {
                    j++;
                } else {
                    missing++;
                }
            }
            return missing;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueHashes other && Arrays.equals(hashes, other.hashes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hashes);
        }

        @Override
        public String toString() {
            return hashes.length + (hashes.length == 1 ? " value" : " values");
        }
    }

    /**
     * A table's fingerprint as last taken on a connection, with the row versions it was taken at: while a table
     * keeps the same number of rows and the same sum of their xmin, the same for its columns' pg_attribute rows,
     * and the text forms of its values cannot have changed (same column types, same enum and type definitions),
     * it holds the same data. A transaction that started after the fingerprint gives every row it inserts or updates
     * an xmin greater than any the table held then, so replacing rows always raises the sum. Only fingerprints taken
     * outside a transaction of the caller are kept: inside one, rows the transaction writes twice keep the same
     * xmin.
     */
    private record Known(String textForms, long rows, BigDecimal xminSum, TableFingerprint fingerprint) {
    }

    private static final Map<Connection, Map<String, Known>> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The fingerprint of every table of {@code catalog}, which must describe the database as it is now: one query
     * per table, hashing every value's text form, which every type has (json, point and xml have no ordering, so
     * nothing here sorts by value). It keeps 8 bytes per row and per value: made for the seeded databases a
     * rehearsal compares, not for production-sized tables. Outside a transaction, tables whose rows have
     * not changed since the last fingerprint on the same connection are not hashed again (see {@link Known}).
     *
     * @throws IllegalStateException when a query fails
     */
    public static DataFingerprint take(Connection c, Catalog catalog) {
        SortedMap<String, TableFingerprint> tables = new TreeMap<>();
        List<Table> all = List.copyOf(catalog.tables().values());
        if (all.isEmpty()) {
            return new DataFingerprint(Collections.unmodifiableSortedMap(tables));
        }
        Map<String, Known> known = Connections.idle(c)
                ? KNOWN.computeIfAbsent(c, k -> new HashMap<>()) : new HashMap<>();
        // enum labels and type definitions are part of the text form of values (a renamed enum value, an attribute
        // added to a composite type)
        String types = catalog.enums() + "\n" + catalog.types();
        List<String> sql = all.stream().map(Fingerprints::query).toList();
        List<PreparedBatch.Query> queries = new ArrayList<>();
        List<String> textForms = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String textForm = all.get(i).columns().stream().map(Column::type).toList() + "\n" + types;
            textForms.add(textForm);
            Known was = known.get(sql.get(i));
            boolean usable = was != null && was.textForms().equals(textForm);
            queries.add(new PreparedBatch.Query(sql.get(i), usable
                    ? List.of(Long.toString(was.rows()), was.xminSum().toPlainString()) : List.of("-1", "-1")));
        }
        // One round trip for every table, each query planned once per connection: the rehearsal fingerprints the
        // same tables twice per migration, and planning cost more than hashing twenty rows.
        try {
            PreparedBatch.run(c, List.of(), queries, List.of(), (i, r) -> {
                Table table = all.get(i);
                r.next();
                long rows = r.getLong(1);
                BigDecimal xminSum = r.getBigDecimal(2);
                Known was = known.get(sql.get(i));
                TableFingerprint fingerprint = r.getBoolean(3) ? read(table, r) : new TableFingerprint(
                        table.displayName(), was.fingerprint().rows(), was.fingerprint().columns());
                known.put(sql.get(i), new Known(textForms.get(i), rows, xminSum, fingerprint));
                tables.put(table.displayName(), fingerprint);
            });
        } catch (PreparedBatch.Failed e) {
            KNOWN.remove(c);
            throw new IllegalStateException("fingerprinting the data failed: " + DatabaseUrl.redact(e.getMessage()),
                    e.getCause());
        }
        return new DataFingerprint(Collections.unmodifiableSortedMap(tables));
    }

    /**
     * The query fingerprinting one table, given the row versions of its last fingerprint ($1, $2; -1 when there is
     * none): it answers the versions now, whether they differ, and only then the hashes. The versions count and sum
     * the xmin of the table's rows and of its columns' pg_attribute rows: a column dropped, added, renamed or
     * retyped changes what the rows hold without writing a row.
     */
    private static String query(Table table) {
        List<String> byName = table.columns().stream().map(Column::name).sorted()
                .map(name -> "sg_row." + Catalog.quote(name)).toList();
        StringBuilder sql = new StringBuilder("SELECT sg_state.n, sg_state.x, sg_state.changed, ")
                .append("array_agg(hashtextextended(ROW(").append(String.join(", ", byName))
                .append(")::text, 0)) FILTER (WHERE sg_row.ctid IS NOT NULL)");
        for (Column column : table.columns()) {
            String value = "sg_row." + Catalog.quote(column.name());
            sql.append(", array_agg(hashtextextended(").append(value).append("::text, 0)) FILTER (WHERE ")
                    .append(value).append(" IS NOT NULL)");
        }
        String literal = "'" + table.sqlName().replace("'", "''") + "'";
        // n: rows × 65536 + columns (a table has at most 1,600); x: the sum of the xmin of both
        return sql.append(" FROM (SELECT n, x, (n, x) IS DISTINCT FROM ($1::bigint, $2::numeric) AS changed")
                .append(" FROM (SELECT count(*) * 65536 + (SELECT count(*) FROM pg_attribute")
                .append(" WHERE attrelid = ").append(literal).append("::regclass AND attnum > 0) AS n,")
                .append(" coalesce(sum(xmin::text::bigint), 0)")
                .append(" + coalesce((SELECT sum(xmin::text::bigint) FROM pg_attribute")
                .append(" WHERE attrelid = ").append(literal).append("::regclass AND attnum > 0), 0) AS x FROM ")
                .append(table.sqlName()).append(") sg_count) sg_state")
                .append(" LEFT JOIN ").append(table.sqlName()).append(" AS sg_row ON sg_state.changed")
                .append(" GROUP BY sg_state.n, sg_state.x, sg_state.changed").toString();
    }

    private static TableFingerprint read(Table table, ResultSet r) throws SQLException {
        Map<String, ValueHashes> columns = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            columns.put(table.columns().get(i).name(), hashes(r.getArray(i + 5)));
        }
        return new TableFingerprint(table.displayName(), hashes(r.getArray(4)), Collections.unmodifiableMap(columns));
    }

    private static ValueHashes hashes(Array array) throws SQLException {
        if (array == null) {
            return new ValueHashes(new long[0]); // array_agg over no rows
        }
        Long[] boxed = (Long[]) array.getArray();
        long[] hashes = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            hashes[i] = boxed[i];
        }
        return new ValueHashes(hashes);
    }

    /**
     * The data of {@code before} that {@code after} lost or changed, in words, table by table: a table dropped
     * with its rows, rows gone, a column dropped with its values, values gone or changed, values moved between
     * rows. What exists only after (a new table, column or row) loses nothing and is not reported; values that
     * rows took with them are reported once, as rows.
     */
    public static List<String> compare(DataFingerprint before, DataFingerprint after) {
        List<String> differences = new ArrayList<>();
        for (TableFingerprint was : before.tables().values()) {
            TableFingerprint is = after.tables().get(was.table());
            if (is == null) {
                if (was.rowCount() > 0) {
                    differences.add("table " + was.table() + " dropped with its " + count(was.rowCount(), "row"));
                }
                continue;
            }
            int rowsLost = Math.max(0, was.rowCount() - is.rowCount());
            List<String> tableDifferences = new ArrayList<>();
            if (rowsLost > 0) {
                tableDifferences.add("table " + was.table() + ": " + count(was.rowCount(), "row") + " before, "
                        + is.rowCount() + " after");
            }
            was.columns().forEach((column, values) -> {
                String difference = compare(was.table() + "." + column, values, is.columns().get(column), rowsLost);
                if (difference != null) {
                    tableDifferences.add(difference);
                }
            });
            int rowsChanged = was.rows().missingFrom(is.rows());
            if (tableDifferences.isEmpty() && rowsChanged > 0 && was.columns().keySet().equals(is.columns().keySet())) {
                tableDifferences.add("table " + was.table() + ": " + count(rowsChanged, "row")
                        + " changed, although every column holds the same values (values moved between rows)");
            }
            differences.addAll(tableDifferences);
        }
        return differences;
    }

    /** A column's loss beyond the values of rows that are gone, or null. */
    private static String compare(String column, ValueHashes was, ValueHashes is, int rowsLost) {
        if (was.size() == 0) {
            return null;
        }
        if (is == null) {
            return "column " + column + " dropped with its " + count(was.size(), "value");
        }
        int missing = was.missingFrom(is);
        if (missing <= rowsLost) {
            return null;
        }
        if (is.size() == 0) {
            return "column " + column + ": " + count(was.size(), "value") + " before, none after";
        }
        if (missing <= was.size() - is.size()) {
            return "column " + column + ": " + count(was.size(), "value") + " before, " + is.size() + " after";
        }
        return "column " + column + ": " + count(missing, "value") + " changed"
                + (is.size() < was.size() ? " (" + was.size() + " before, " + is.size() + " after)" : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
