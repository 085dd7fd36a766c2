package dev.schemaguard.postgres;

import dev.schemaguard.postgres.Catalog.Column;
import dev.schemaguard.postgres.Catalog.Constraint;
import dev.schemaguard.postgres.Catalog.EnumType;
import dev.schemaguard.postgres.Catalog.Table;
import dev.schemaguard.postgres.SeedResult.Problem;
import dev.schemaguard.postgres.SeedResult.TableSeeding;
import dev.schemaguard.postgres.SeedValues.Hints;
import dev.schemaguard.postgres.SeedValues.SeedColumn;
import dev.schemaguard.postgres.SeedValues.Source;
import dev.schemaguard.postgres.SeedValues.ValueType;
import org.postgresql.util.PSQLException;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fills a database with generated rows so that a rehearsal can tell whether a down migration restores the data:
 * empty tables get rows, and in tables that hold rows, columns that are NULL in every row (typically added by a
 * later migration) get values, so that dropping them loses visible data. Values follow the column types, NOT NULL,
 * UNIQUE, PRIMARY KEY and foreign keys (parents are filled first and children take their keys); CHECK constraints
 * are met by trying other values. What cannot be filled is reported, never thrown.
 */
public final class DataSeeder {

    /** Tries per row; SeedValues makes different values on each. */
    private static final int ATTEMPTS = 6;
    /** Bind parameters per INSERT, well under the protocol's 65,535. */
    private static final int MAX_PARAMETERS = 30_000;

    private final boolean fillNullColumns;
    private final Connection connection;
    private final Catalog catalog;
    private final int rowsPerTable;
    private final long seed;
    private final Map<String, Map<String, ColumnType>> columnTypes = new HashMap<>();
    private final Set<String> partitions = new HashSet<>();
    private final Map<Long, PgType> types = new HashMap<>();
    private final Map<String, TableSeeding> seeded = new LinkedHashMap<>();
    /** Nullable foreign key columns inserted as NULL because their table was not filled yet: filled after. */
    private final Map<Table, List<Column>> referencesLeftNull = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Foresight foresight;
    /** The later foreign keys of each table, by display name: the fill order asks for them again and again. */
    private final Map<String, List<Constraint>> laterForeignKeys = new HashMap<>();

    private DataSeeder(Connection connection, Catalog catalog, int rowsPerTable, long seed, boolean fillNullColumns,
                       Foresight foresight) {
        this.fillNullColumns = fillNullColumns;
        this.foresight = foresight;
        this.connection = connection;
        this.catalog = catalog;
        this.rowsPerTable = rowsPerTable;
        this.seed = seed;
    }

    /**
     * Fills the tables of {@code catalog}: {@code rowsPerTable} rows in each empty table, values in the all-NULL
     * columns of the others. The same seed on the same schema writes the same rows. On a connection in auto-commit
     * mode the rows are committed in one transaction; inside the caller's transaction they are left for the caller
     * to commit. Either way the connection is left in the mode it was in.
     *
     * @throws IllegalStateException when the database fails in a way retrying a row cannot help (a lost connection)
     */
    public static SeedResult seed(Connection c, Catalog catalog, int rowsPerTable, long seed) {
        return seed(c, catalog, rowsPerTable, seed, true, Foresight.NONE);
    }

    /**
     * Fills only the empty tables, leaving all-NULL columns of the others alone: what the rehearsal does. A column
     * that is NULL everywhere is usually waiting for a backfill migration, which skips rows that already hold a value;
     * values invented for it would contradict what the backfill establishes (a column consistent with another one).
     * The values also meet what {@code foresight} says later migrations will ask of them.
     */
    public static SeedResult seedEmptyTables(Connection c, Catalog catalog, int rowsPerTable, long seed,
                                             Foresight foresight) {
        return seed(c, catalog, rowsPerTable, seed, false, foresight);
    }

    private static SeedResult seed(Connection c, Catalog catalog, int rowsPerTable, long seed, boolean fillNullColumns,
                                   Foresight foresight) {
        if (rowsPerTable < 0) {
            throw new IllegalArgumentException("rowsPerTable must not be negative: " + rowsPerTable);
        }
        try {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            // inside the caller's transaction, a failure must not take back what the caller did before
            Savepoint start = autoCommit ? null : c.setSavepoint();
            try {
                SeedResult result = new DataSeeder(c, catalog, rowsPerTable, seed, fillNullColumns, foresight).run();
                if (autoCommit) {
                    c.commit();
                } else {
                    c.releaseSavepoint(start);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                undo(c, start, e);
                throw e;
            } finally {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding data failed: " + DatabaseUrl.redact(e.getMessage()), e);
        }
    }

    private static void undo(Connection c, Savepoint start, Exception failure) {
        try {
            if (start == null) {
                c.rollback();
            } else {
                c.rollback(start);
                c.releaseSavepoint(start);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private SeedResult run() throws SQLException {
        readColumnTypes();
        readTypes();
        List<Table> empty = new ArrayList<>();
        Map<Table, List<Column>> allNullColumns = new LinkedHashMap<>();
        for (Table table : catalog.tables().values()) {
            if (partitions.contains(table.displayName())) {
                continue; // a partition holds its parent's rows: seeding the parent fills it
            }
            List<Column> fillable = table.columns().stream().filter(c -> !leftToDefault(c)).toList();
            boolean[] present = present(table, fillable);
            if (!present[0]) {
                empty.add(table);
                continue;
            }
            List<Column> allNull = new ArrayList<>();
            for (int i = 0; i < fillable.size(); i++) {
                if (!present[i + 1]) {
                    allNull.add(fillable.get(i));
                }
            }
            if (!allNull.isEmpty() && fillNullColumns) {
                allNullColumns.put(table, allNull);
            }
        }
        if (rowsPerTable > 0) {
            for (Table table : fillOrder(empty)) {
                insert(table);
            }
        }
        // a self-reference or a reference into a cycle finds rows now that every table has them
        allNullColumns.putAll(referencesLeftNull);
        for (Map.Entry<Table, List<Column>> e : allNullColumns.entrySet()) {
            update(e.getKey(), e.getValue());
        }
        return new SeedResult(List.copyOf(seeded.values()), List.copyOf(problems));
    }

    /** Identity, serial and generated columns get their values from the table, never from the seeder. */
    private static boolean leftToDefault(Column column) {
        return !column.identity().isEmpty() || column.generated() != null
                || column.defaultExpression() != null && column.defaultExpression().startsWith("nextval(");
    }

    /** Whether the table has rows, then for each column whether a row holds a value in it: one query. */
    private boolean[] present(Table table, List<Column> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT EXISTS (SELECT FROM ").append(table.sqlName()).append(')');
        for (Column column : columns) {
            sql.append(", EXISTS (SELECT FROM ").append(table.sqlName()).append(" WHERE ")
                    .append(Catalog.quote(column.name())).append(" IS NOT NULL)");
        }
        boolean[] present = new boolean[columns.size() + 1];
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            for (int i = 0; i < present.length; i++) {
                present[i] = r.getBoolean(i + 1);
            }
        }
        return present;
    }

    /**
     * Parents before the tables that reference them. A cycle is broken at a table whose references into it may be
     * NULL when there is one; a table that references itself is no cycle (its rows reference no row at first).
     */
    private List<Table> fillOrder(List<Table> tables) {
        Map<String, Table> pending = new TreeMap<>();
        tables.forEach(t -> pending.put(t.displayName(), t));
        List<Table> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            Table next = pending.values().stream()
                    .filter(t -> referencesInto(t, pending.keySet()).isEmpty())
                    .findFirst()
                    .or(() -> pending.values().stream()
                            .filter(t -> referencesInto(t, pending.keySet()).stream()
                                    .allMatch(fk -> fk.columns().stream().noneMatch(c -> t.column(c).notNull())))
                            .findFirst())
                    .orElse(pending.values().iterator().next());
            order.add(next);
            pending.remove(next.displayName());
        }
        return order;
    }

    private List<Constraint> referencesInto(Table table, Set<String> tables) {
        return Stream.concat(foreignKeys(table).stream(), laterForeignKeys(table).stream())
                .filter(fk -> !fk.referencedTable().equals(table.displayName())
                        && tables.contains(fk.referencedTable()))
                .toList();
    }

    private static List<Constraint> foreignKeys(Table table) {
        return table.constraints().stream().filter(k -> k.type() == 'f').toList();
    }

    /**
     * The foreign keys later migrations add to the table, where its columns and the parent's exist now and no key
     * already covers the columns: rows generated for them reference rows of the parent, as real rows would have to.
     */
    private List<Constraint> laterForeignKeys(Table table) {
        return laterForeignKeys.computeIfAbsent(table.displayName(), name -> readLaterForeignKeys(table));
    }

    private List<Constraint> readLaterForeignKeys(Table table) {
        List<Constraint> keys = new ArrayList<>();
        for (Foresight.Reference reference : foresight.referencesOf(table.displayName())) {
            Table parent = catalog.tables().get(reference.table());
            if (parent == null || reference.columns().stream().anyMatch(c -> table.column(c) == null)
                    || foreignKeys(table).stream().anyMatch(k -> k.columns().equals(reference.columns()))) {
                continue;
            }
            List<String> referenced = reference.referencedColumns().isEmpty()
                    ? parent.constraints().stream().filter(k -> k.type() == 'p').findFirst()
                            .map(Constraint::columns).orElse(List.of())
                    : reference.referencedColumns();
            if (referenced.size() == reference.columns().size()
                    && referenced.stream().allMatch(c -> parent.column(c) != null)) {
                keys.add(new Constraint("later foreign key", 'f', null, false, reference.columns(),
                        reference.table(), referenced));
            }
        }
        return keys;
    }

    /** A column the INSERT or UPDATE writes, with its value per row and attempt (null values mean NULL). */
    private record Filled(Column column, Source values, boolean hasValues) {
    }

    private void insert(Table table) throws SQLException {
        String name = table.displayName();
        List<Filled> filled = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (Constraint fk : foreignKeys(table)) {
            List<List<String>> keys = parentKeys(fk, rowsPerTable);
            List<Column> columns = fk.columns().stream().map(table::column).toList();
            if (keys.isEmpty()) {
                if (columns.stream().anyMatch(Column::notNull)) {
                    giveUp(name, String.join(", ", fk.columns()) + " may not be NULL and must reference a row of "
                            + parentDescription(fk, name) + ", which has none");
                    return;
                }
                for (Column column : columns) {
                    if (planned.add(column.name())) {
                        filled.add(new Filled(column, (row, attempt) -> null, false));
                        referencesLeftNull.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                    }
                }
            } else {
                addForeignKeyValues(table, fk, keys, planned, filled);
            }
        }
        for (Constraint later : laterForeignKeys(table)) {
            // no parent rows yet: the columns get generated values, as before the key exists
            List<List<String>> keys = parentKeys(later, rowsPerTable);
            if (!keys.isEmpty() && later.columns().stream().noneMatch(planned::contains)) {
                addForeignKeyValues(table, later, keys, planned, filled);
            }
        }
        for (Column column : table.columns()) {
            if (planned.contains(column.name()) || leftToDefault(column)) {
                continue;
            }
            Resolved type = resolve(name, column);
            Source values = values(table, column, type);
            if (values != null) {
                filled.add(new Filled(column, values, true));
            } else if (column.defaultExpression() != null) {
                problems.add(new Problem(name, column.name(), "left to its default: no values for type "
                        + column.type()));
            } else if (!column.notNull() && (type == null || !type.notNull())) {
                problems.add(new Problem(name, column.name(), "left NULL: no values for type " + column.type()));
            } else {
                giveUp(name, "column " + column.name() + " may not be NULL, has no default, and SchemaGuard makes "
                        + "no values of type " + column.type());
                return;
            }
        }
        Written written = write(rowsPerTable,
                (first, last, attempt) -> insertRows(table, filled, first, last, attempt));
        record(new TableSeeding(name, written.rows(), 0, filledNames(table, filled, written)));
        if (written.rows() < rowsPerTable) {
            problems.add(new Problem(name, null, (rowsPerTable - written.rows()) + " of " + rowsPerTable
                    + " rows not inserted: " + written.firstFailure()));
        }
    }

    private void giveUp(String table, String reason) {
        problems.add(new Problem(table, null, "not filled: " + reason));
        record(new TableSeeding(table, 0, 0, List.of()));
    }

    /** Records what seeding did to a table; the update of a table just inserted adds to its insert. */
    private void record(TableSeeding seeding) {
        seeded.merge(seeding.table(), seeding, (inserted, updated) -> new TableSeeding(inserted.table(),
                inserted.rowsInserted(), updated.rowsUpdated(), Stream.concat(
                        inserted.columnsFilled().stream(), updated.columnsFilled().stream()).toList()));
    }

    private static String parentDescription(Constraint fk, String table) {
        return fk.referencedTable().equals(table) ? "its own table" : fk.referencedTable();
    }

    /** Every column of the key takes the same parent row, so keys of several columns match a parent. */
    private void addForeignKeyValues(Table table, Constraint fk, List<List<String>> keys, Set<String> planned,
                                     List<Filled> filled) {
        long fkSeed = SeedValues.seedOf(seed, table.displayName(), fk.name());
        for (int i = 0; i < fk.columns().size(); i++) {
            int keyColumn = i;
            if (planned.add(fk.columns().get(i))) {
                filled.add(new Filled(table.column(fk.columns().get(i)), (row, attempt) -> {
                    int shift = (int) Math.floorMod(SeedValues.attemptBits(fkSeed, attempt), (long) keys.size());
                    return keys.get((row - 1 + shift) % keys.size()).get(keyColumn);
                }, true));
            }
        }
    }

    /** Up to {@code limit} keys of the referenced table's rows, as text, in a stable order. */
    private List<List<String>> parentKeys(Constraint fk, int limit) throws SQLException {
        Table parent = catalog.tables().get(fk.referencedTable());
        if (parent == null) {
            return List.of();
        }
        List<String> columns = fk.referencedColumns().stream().map(Catalog::quote).toList();
        String sql = "SELECT " + columns.stream().map(c -> c + "::text").collect(Collectors.joining(", "))
                + " FROM " + parent.sqlName()
                + " WHERE " + columns.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " ORDER BY " + String.join(", ", columns) + " LIMIT " + limit;
        List<List<String>> keys = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    key.add(r.getString(i));
                }
                keys.add(List.copyOf(key));
            }
        }
        return keys;
    }

    private Source values(Table table, Column column, Resolved type) {
        if (type == null) {
            return null;
        }
        List<String> checks = new ArrayList<>(type.checks());
        table.constraints().stream()
                .filter(k -> k.type() == 'c' && k.columns().contains(column.name()))
                .forEach(k -> checks.add(k.definition()));
        checks.addAll(foresight.checksOn(table.displayName(), column.name()));
        return SeedValues.forType(type.type(), new SeedColumn(column.name(), column.position(),
                Hints.fromChecks(checks), SeedValues.seedOf(seed, table.displayName(), column.name()),
                foresight.castOf(table.displayName(), column.name())));
    }

    /** The columns given values, in table order: none when no row was written. */
    private static List<String> filledNames(Table table, List<Filled> filled, Written written) {
        if (written.rows() == 0) {
            return List.of();
        }
        Set<String> names = filled.stream().filter(Filled::hasValues).map(f -> f.column().name())
                .collect(Collectors.toSet());
        return table.columns().stream().map(Column::name).filter(names::contains).toList();
    }

    private void insertRows(Table table, List<Filled> filled, int first, int last, int attempt) throws SQLException {
        if (filled.isEmpty()) {
            // every column takes its default
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO " + table.sqlName() + " SELECT FROM generate_series(?, ?)")) {
                s.setInt(1, first);
                s.setInt(2, last);
                s.executeUpdate();
            }
            return;
        }
        String columns = filled.stream().map(f -> Catalog.quote(f.column().name())).collect(Collectors.joining(", "));
        String placeholders = "(" + String.join(", ", Collections.nCopies(filled.size(), "?")) + ")";
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / filled.size());
        for (int from = first; from <= last; from += rowsPerStatement) {
            int to = Math.min(last, from + rowsPerStatement - 1);
            String sql = "INSERT INTO " + table.sqlName() + " (" + columns + ") VALUES "
                    + String.join(", ", Collections.nCopies(to - from + 1, placeholders));
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                int parameter = 1;
                for (int row = from; row <= to; row++) {
                    for (Filled f : filled) {
                        bind(s, parameter++, f.values().value(row, attempt));
                    }
                }
                s.executeUpdate();
            }
        }
    }

    /** Values go as untyped text, so the server reads them with the input function of the column's type. */
    private static void bind(PreparedStatement s, int parameter, String value) throws SQLException {
        if (value == null) {
            s.setNull(parameter, Types.OTHER);
        } else {
            s.setObject(parameter, value, Types.OTHER);
        }
    }

    /**
     * Gives values to the all-NULL columns of a table that holds rows: one UPDATE per row, sent as one batch (rows
     * are told apart by table and ctid, which stay put within the one transaction seeding runs in). A default does
     * not fill a column that is NULL in every row, so a column with a default is filled too.
     */
    private void update(Table table, List<Column> allNull) throws SQLException {
        String name = table.displayName();
        List<String[]> rowIds = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT tableoid, ctid FROM " + table.sqlName() + " ORDER BY 1, 2")) {
            while (r.next()) {
                rowIds.add(new String[] {r.getString(1), r.getString(2)});
            }
        }
        if (rowIds.isEmpty()) {
            return; // an insert that wrote no row left references NULL
        }
        Set<String> allNullNames = allNull.stream().map(Column::name).collect(Collectors.toSet());
        List<Filled> filled = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (Constraint fk : foreignKeys(table)) {
            if (fk.columns().stream().noneMatch(allNullNames::contains)) {
                continue;
            }
            List<List<String>> keys = allNullNames.containsAll(fk.columns())
                    ? parentKeys(fk, rowIds.size()) : List.of();
            if (keys.isEmpty()) {
                String why = allNullNames.containsAll(fk.columns())
                        ? "it references " + parentDescription(fk, name) + ", which has no rows"
                        : "the other columns of foreign key " + fk.name() + " hold values";
                fk.columns().stream().filter(allNullNames::contains).filter(planned::add).forEach(column ->
                        problems.add(new Problem(name, column, "left NULL: " + why)));
            } else {
                addForeignKeyValues(table, fk, keys, planned, filled);
            }
        }
        for (Column column : allNull) {
            if (planned.contains(column.name())) {
                continue;
            }
            Source values = values(table, column, resolve(name, column));
            if (values == null) {
                problems.add(new Problem(name, column.name(), "left NULL: no values for type " + column.type()));
            } else {
                filled.add(new Filled(column, values, true));
            }
        }
        if (filled.isEmpty()) {
            return;
        }
        Written written = write(rowIds.size(), (first, last, attempt) ->
                updateRows(table, filled, rowIds, first, last, attempt));
        record(new TableSeeding(name, 0, written.rows(), filledNames(table, filled, written)));
        if (written.rows() < rowIds.size()) {
            problems.add(new Problem(name, null, (rowIds.size() - written.rows()) + " of " + rowIds.size()
                    + " rows not updated: " + written.firstFailure()));
        }
    }

    private void updateRows(Table table, List<Filled> filled, List<String[]> rowIds, int first, int last,
                            int attempt) throws SQLException {
        String sql = "UPDATE " + table.sqlName() + " SET "
                + filled.stream().map(f -> Catalog.quote(f.column().name()) + " = ?").collect(Collectors.joining(", "))
                + " WHERE tableoid = ?::oid AND ctid = ?::tid";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int row = first; row <= last; row++) {
                int parameter = 1;
                for (Filled f : filled) {
                    bind(s, parameter++, f.values().value(row, attempt));
                }
                String[] id = rowIds.get(row - 1);
                bind(s, parameter++, id[0]);
                bind(s, parameter, id[1]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Writes rows {@code first..last} (numbered from 1) with the values of one attempt. */
    private interface RowsWriter {
        void write(int first, int last, int attempt) throws SQLException;
    }

    /** How many rows were written, and why the first row that was not could not be (null when all were). */
    private record Written(int rows, String firstFailure) {
    }

    /**
     * Writes rows 1..count all at once, one attempt after the other; when no attempt writes them all, row by row,
     * each with its own attempts, so that one bad row does not cost the others.
     */
    private Written write(int count, RowsWriter writer) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int all = attempt;
            SQLException failure = inSavepoint(() -> writer.write(1, count, all));
            if (failure == null) {
                return new Written(count, null);
            }
            if (!retriable(failure)) {
                break;
            }
        }
        int rows = 0;
        String firstFailure = null;
        for (int row = 1; row <= count; row++) {
            SQLException firstAttemptFailure = null;
            SQLException failure = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int one = row;
                int tried = attempt;
                failure = inSavepoint(() -> writer.write(one, one, tried));
                if (firstAttemptFailure == null) {
                    firstAttemptFailure = failure;
                }
                if (failure == null || !retriable(failure)) {
                    break;
                }
            }
            if (failure == null) {
                rows++;
            } else if (firstFailure == null) {
                // the first attempt's values are the likeliest; later attempts fail on the shapes they try
                firstFailure = reason(firstAttemptFailure);
            }
        }
        return new Written(rows, firstFailure);
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Runs the action in a savepoint: when it fails, it leaves no trace and the transaction goes on. */
    private SQLException inSavepoint(SqlAction action) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            action.run();
            connection.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            return e;
        }
    }

    /** The error the server reported; a batch wraps it. */
    private static SQLException serverError(SQLException e) {
        return e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
    }

    /** Data exceptions (class 22) and constraint violations (class 23) may pass with other values. */
    private static boolean retriable(SQLException e) {
        String state = serverError(e).getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String reason(SQLException e) {
        SQLException error = serverError(e);
        if (error instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return DatabaseUrl.redact(String.valueOf(error.getMessage()));
    }

    /** A column's type as pg_attribute has it. */
    private record ColumnType(long oid, int typmod) {
    }

    /** The pg_type facts values depend on. */
    private record PgType(String schema, String name, char kind, char category, long baseType, int baseTypmod,
                          long element, boolean notNull, List<String> checks) {
    }

    /** A column's type resolved for SeedValues, with the CHECKs and NOT NULL of the domains it went through. */
    private record Resolved(ValueType type, List<String> checks, boolean notNull) {
    }

    private static final String USER_TABLES = """
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            """;

    private void readColumnTypes() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "SELECT n.nspname, c.relname, c.relispartition, a.attname, a.atttypid, a.atttypmod " + USER_TABLES)) {
            while (r.next()) {
                String table = Catalog.displayName(r.getString(1), r.getString(2));
                if (r.getBoolean(3)) {
                    partitions.add(table);
                }
                columnTypes.computeIfAbsent(table, k -> new HashMap<>())
                        .put(r.getString(4), new ColumnType(r.getLong(5), r.getInt(6)));
            }
        }
    }

    /** The types of user columns, with the base types of domains and the element types of arrays. */
    private void readTypes() throws SQLException {
        String sql = """
                WITH RECURSIVE used(oid) AS (
                    SELECT a.atttypid %s
                  UNION
                    SELECT v.oid FROM used u JOIN pg_type t ON t.oid = u.oid,
                           LATERAL (VALUES (t.typbasetype), (t.typelem)) v(oid)
                    WHERE v.oid <> 0
                )
                SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typbasetype, t.typtypmod, t.typelem,
                       t.typnotnull,
                       ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                             WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)
                FROM pg_type t
                JOIN used u ON u.oid = t.oid
                JOIN pg_namespace n ON n.oid = t.typnamespace
                """.formatted(USER_TABLES);
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                types.put(r.getLong(1), new PgType(r.getString(2), r.getString(3), r.getString(4).charAt(0),
                        r.getString(5).charAt(0), r.getLong(6), r.getInt(7), r.getLong(8), r.getBoolean(9),
                        List.of((String[]) r.getArray(10).getArray())));
            }
        }
    }

    private Resolved resolve(String table, Column column) {
        ColumnType type = columnTypes.getOrDefault(table, Map.of()).get(column.name());
        return type == null ? null : resolve(type.oid(), type.typmod());
    }

    private Resolved resolve(long oid, int typmod) {
        List<String> checks = new ArrayList<>();
        boolean notNull = false;
        int modifier = typmod;
        PgType type = types.get(oid);
        while (type != null && type.kind() == 'd') {
            // a domain: values of its base type, which must pass its CHECKs; its modifier applies to the base
            checks.addAll(type.checks());
            notNull |= type.notNull();
            if (type.baseTypmod() >= 0) {
                modifier = type.baseTypmod();
            }
            type = types.get(type.baseType());
        }
        if (type == null) {
            return null;
        }
        ValueType element = null;
        if (type.category() == 'A' && type.element() != 0) {
            Resolved elementType = resolve(type.element(), modifier);
            if (elementType == null) {
                return null;
            }
            checks.addAll(elementType.checks());
            element = elementType.type();
        }
        EnumType enumType = type.kind() == 'e' ? catalog.enums().get(Catalog.displayName(type.schema(), type.name()))
                : null;
        ValueType valueType = new ValueType(type.schema().equals("pg_catalog") ? type.name() : null, type.category(),
                modifier, element, enumType == null ? List.of() : enumType.values());
        return new Resolved(valueType, List.copyOf(checks), notNull);
    }
}
