package dev.schemaguard.postgres;

import dev.schemaguard.postgres.Catalog.Column;
import dev.schemaguard.postgres.Catalog.Constraint;
import dev.schemaguard.postgres.Catalog.Definition;
import dev.schemaguard.postgres.Catalog.EnumType;
import dev.schemaguard.postgres.Catalog.Index;
import dev.schemaguard.postgres.Catalog.Table;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a database's {@link Catalog} from its system catalogs. The rehearsal snapshots the database before and
 * after every migration, so the whole read is one query per object kind (joined, never one query per table),
 * all in one transaction.
 */
public final class CatalogReader {

    /** Schemas SchemaGuard reads: not the system's ({@code pg_} is reserved, so that covers temp and toast). */
    private static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

    private CatalogReader() {
    }

    /**
     * The catalog of the database {@code connection} is connected to. On a connection in auto-commit mode the
     * read runs in its own read-only repeatable-read transaction, so every query sees the same state; inside
     * the caller's transaction (or one a script left open) it sees what that transaction sees. The connection is
     * left as it was.
     *
     * @throws IllegalStateException when a catalog query fails, naming what it read and the server's message
     */
    public static Catalog read(Connection connection) {
        try {
            return Connections.idle(connection) ? readInOwnTransaction(connection, null)
                    : readInCallersTransaction(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog failed: " + DatabaseUrl.redact(e.getMessage()), e);
        }
    }

    /**
     * The catalog of the database both connections are connected to, about half of it read on each at the same
     * time, so that the server answers on two backends: the rehearsal reads the catalog twice per migration and
     * has nothing to do meanwhile. Nothing may change the database during the read (each half reads in a
     * transaction of its own), and {@code second} must have no transaction open; when {@code connection} has one (a
     * script's BEGIN without COMMIT), the whole read is done on it, inside that transaction.
     *
     * @throws IllegalStateException when a catalog query fails, naming what it read and the server's message
     */
    public static Catalog read(Connection connection, Connection second) {
        try {
            if (!Connections.idle(second)) {
                throw new IllegalArgumentException(
                        "the second connection of a catalog read must have no transaction open");
            }
            // a transaction left open on the first (a script's BEGIN without COMMIT) is seen by it alone
            return Connections.idle(connection) ? readInOwnTransaction(connection, second)
                    : readInCallersTransaction(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog failed: " + DatabaseUrl.redact(e.getMessage()), e);
        }
    }

    private static Catalog readInOwnTransaction(Connection connection, Connection second) {
        return readAll(connection, second,
                List.of("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", PIN_SEARCH_PATH), List.of("COMMIT"));
    }

    private static Catalog readInCallersTransaction(Connection connection) throws SQLException {
        String searchPath;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('search_path')")) {
            r.next();
            searchPath = r.getString(1);
        }
        Catalog catalog = readAll(connection, null, List.of(PIN_SEARCH_PATH), List.of());
        try (PreparedStatement s = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            s.setString(1, searchPath);
            s.execute();
        }
        return catalog;
    }

    /**
     * format_type and the pg_get_* functions qualify names that are not on the search path; pinning it to
     * {@code public} for the read makes them print names the way display names do, whatever path a migration
     * set on this connection.
     */
    private static final String PIN_SEARCH_PATH = "SET LOCAL search_path = public";

    /** One catalog query of a read: what it reads (for messages), its text, and what takes its rows. */
    private record Part(String purpose, String sql, RowReader reader) {
    }

    /** Where the second half of a two-connection read runs. */
    private static final ExecutorService SECOND_HALF = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "schemaguard-catalog-read");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Every catalog query in one round trip, between {@code before} and {@code after} (the transaction around
     * them), the queries prepared once per connection; when there is a {@code second} connection, about half of
     * the queries (by measured cost) go to it, at the same time.
     */
    private static Catalog readAll(Connection c, Connection second, List<String> before, List<String> after) {
        List<Part> mine = new ArrayList<>();
        List<Part> theirs = second == null ? mine : new ArrayList<>();
        Map<TableName, List<String>> options = new HashMap<>();
        Map<TableName, List<Column>> columns = readColumns(mine, options);
        Map<TableName, List<Constraint>> constraints = readConstraints(mine);
        SortedSet<String> schemas = readSchemas(mine);
        SortedMap<String, EnumType> enums = readEnums(mine);
        SortedMap<String, String> extensions = readExtensions(mine);
        SortedMap<String, Index> indexes = readIndexes(theirs);
        SortedMap<String, Definition> types = readTypes(theirs);
        SortedMap<String, Definition> sequences = readSequences(theirs);
        SortedMap<String, Definition> views = readViews(theirs);
        SortedMap<String, Definition> functions = readFunctions(theirs);
        SortedMap<String, Definition> triggers = readTriggers(theirs);
        Future<?> otherHalf = second == null ? null : SECOND_HALF.submit(() -> run(second, before, theirs, after));
        try {
            run(c, before, mine, after);
        } finally {
            if (otherHalf != null) {
                awaitOtherHalf(otherHalf);
            }
        }
        SortedMap<String, Table> tables = new TreeMap<>();
        columns.forEach((table, tableColumns) -> {
            List<Constraint> tableConstraints = new ArrayList<>(constraints.getOrDefault(table, List.of()));
            tableConstraints.sort(Comparator.comparing(Constraint::name));
            Table t = new Table(table.schema(), table.name(), List.copyOf(tableColumns), List.copyOf(tableConstraints),
                    options.getOrDefault(table, List.of()));
            tables.put(t.displayName(), t);
        });
        return new Catalog(schemas, Collections.unmodifiableSortedMap(tables), indexes, enums, types, sequences, views,
                functions, triggers, extensions);
    }

    private static void run(Connection c, List<String> before, List<Part> parts, List<String> after) {
        try {
            PreparedBatch.run(c, before, parts.stream().map(part -> PreparedBatch.Query.of(part.sql())).toList(),
                    after, (i, r) -> {
                        while (r.next()) {
                            parts.get(i).reader().read(r);
                        }
                    });
        } catch (PreparedBatch.Failed e) {
            String what = e.query() >= 0 ? "the " + parts.get(e.query()).purpose() + " of the database" : "the catalog";
            throw new IllegalStateException("reading " + what + " failed: " + DatabaseUrl.redact(e.getMessage()),
                    e.getCause());
        }
    }

    private static void awaitOtherHalf(Future<?> otherHalf) {
        try {
            otherHalf.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("reading the catalog failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading the catalog was interrupted", e);
        }
    }

    /**
     * A condition true when the object stands on its own: not a member of an extension (CREATE EXTENSION shows as
     * one extension, not as its hundred functions) and not an internal part of another object (the sequence of
     * an identity column, the constructor functions of a range type), which shows with that object. Only
     * dependencies of the whole object count: a partitioned table's key columns depend internally on it.
     */
    private static String standalone(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog + "'::regclass"
                + " AND dep.objid = " + oid + " AND dep.objsubid = 0 AND dep.deptype IN ('e', 'i'))";
    }

    private static SortedSet<String> readSchemas(List<Part> parts) {
        SortedSet<String> schemas = new TreeSet<>();
        query(parts, "schemas", """
                SELECT n.nspname FROM pg_namespace n
                WHERE %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_namespace", "n.oid")),
                r -> schemas.add(r.getString(1)));
        return Collections.unmodifiableSortedSet(schemas);
    }

    private record TableName(String schema, String name) {
    }

    /**
     * Columns by table, in position order; a table without columns has an empty list. Rows come by table oid (an
     * integer sort; the tables are sorted by name later), which keeps each table's columns together and in order.
     */
    /** The tables' columns, and into {@code options} the storage parameters of those that have some. */
    private static Map<TableName, List<Column>> readColumns(List<Part> parts, Map<TableName, List<String>> options) {
        Map<TableName, List<Column>> columns = new LinkedHashMap<>();
        query(parts, "tables and columns", """
                SELECT n.nspname, t.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                       CASE WHEN a.attcollation <> ty.typcollation THEN quote_ident(co.collname) END,
                       array_to_string(t.reloptions, chr(10))
                FROM pg_class t
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum
                LEFT JOIN pg_type ty ON ty.oid = a.atttypid
                LEFT JOIN pg_collation co ON co.oid = a.attcollation
                WHERE t.relkind IN ('r', 'p') AND %s AND %s
                ORDER BY t.oid, a.attnum
                """.formatted(USER_SCHEMA, standalone("pg_class", "t.oid")), r -> {
                    TableName table = new TableName(r.getString(1), r.getString(2));
                    List<Column> tableColumns = columns.computeIfAbsent(table, k -> new ArrayList<>());
                    String storage = r.getString(10);
                    if (storage != null && !options.containsKey(table)) {
                        options.put(table, storage.lines().sorted().toList());
                    }
                    String name = r.getString(3);
                    if (name == null) {
                        return;
                    }
                    String expression = r.getString(6);
                    // a generated column keeps its expression where defaults live; 's' stored, 'v' virtual (18+)
                    boolean generated = !r.getString(8).isEmpty();
                    tableColumns.add(new Column(name, tableColumns.size() + 1, r.getString(4), r.getBoolean(5),
                            generated ? null : expression, identity(r.getString(7)), generated ? expression : null,
                            r.getString(9)));
                });
        return columns;
    }

    private static String identity(String attidentity) {
        return switch (attidentity) {
            case "a" -> "always";
            case "d" -> "by default";
            default -> "";
        };
    }

    /**
     * Constraints by table. Not NOT NULL constraints (PostgreSQL 18 records them; {@link Column#notNull()} says it
     * on every version) nor constraint triggers (read as triggers).
     * The key columns are looked up one scalar subquery each: as a join, planned with a hash and a sort per
     * constraint, they took more than half of the query's time.
     */
    private static Map<TableName, List<Constraint>> readConstraints(List<Part> parts) {
        Map<TableName, List<Constraint>> constraints = new LinkedHashMap<>();
        query(parts, "constraints", """
                SELECT n.nspname, t.relname, con.conname, con.contype, pg_get_constraintdef(con.oid),
                       con.convalidated,
                       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a
                                     WHERE a.attrelid = con.conrelid AND a.attnum = k.attnum)
                             FROM unnest(con.conkey) WITH ORDINALITY k(attnum, position) ORDER BY k.position),
                       rn.nspname, rt.relname,
                       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a
                                     WHERE a.attrelid = con.confrelid AND a.attnum = k.attnum)
                             FROM unnest(con.confkey) WITH ORDINALITY k(attnum, position) ORDER BY k.position)
                FROM pg_constraint con
                JOIN pg_class t ON t.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_class rt ON rt.oid = con.confrelid
                LEFT JOIN pg_namespace rn ON rn.oid = rt.relnamespace
                WHERE con.contype NOT IN ('n', 't') AND t.relkind IN ('r', 'p') AND %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_class", "t.oid")), r -> {
                    String referencedTable = r.getString(9) == null
                            ? null : Catalog.displayName(r.getString(8), r.getString(9));
                    constraints.computeIfAbsent(new TableName(r.getString(1), r.getString(2)), k -> new ArrayList<>())
                            .add(new Constraint(r.getString(3), r.getString(4).charAt(0), r.getString(5),
                                    r.getBoolean(6), strings(r.getArray(7)), referencedTable,
                                    strings(r.getArray(10))));
                });
        return constraints;
    }

    /** Every index, those that back a primary key, unique or exclusion constraint included. */
    private static SortedMap<String, Index> readIndexes(List<Part> parts) {
        return readKeyed(parts, "indexes", """
                SELECT n.nspname, i.relname, t.relname, pg_get_indexdef(x.indexrelid), x.indisvalid, x.indisunique
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_class", "t.oid")), Index::name,
                r -> new Index(displayName(r), Catalog.displayName(r.getString(1), r.getString(3)), r.getString(4),
                        r.getBoolean(5), r.getBoolean(6)));
    }

    private static SortedMap<String, EnumType> readEnums(List<Part> parts) {
        return readKeyed(parts, "enum types", """
                SELECT n.nspname, t.typname,
                       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
                             ORDER BY e.enumsortorder)
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'e' AND %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_type", "t.oid")), EnumType::name,
                r -> new EnumType(displayName(r), strings(r.getArray(3))));
    }

    /**
     * Composite types (standalone ones, not the row types of tables), domains and range types (not the
     * multirange types PostgreSQL 14+ creates with them), each described in the words of CREATE TYPE and
     * CREATE DOMAIN.
     */
    private static SortedMap<String, Definition> readTypes(List<Part> parts) {
        return readKeyed(parts, "composite, domain and range types", """
                SELECT n.nspname, t.typname, t.typtype,
                       CASE t.typtype
                       WHEN 'c' THEN '(' || coalesce((
                           SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod),
                                             ', ' ORDER BY a.attnum)
                           FROM pg_attribute a
                           WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
                       WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
                           || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                           || coalesce(' DEFAULT ' || t.typdefault, '')
                           || coalesce((
                               SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' '
                                                 || pg_get_constraintdef(con.oid), '' ORDER BY con.conname)
                               FROM pg_constraint con
                               -- PostgreSQL 17+ also records the domain's NOT NULL here; typnotnull says it
                               WHERE con.contypid = t.oid AND con.contype <> 'n'), '')
                       ELSE (
                           SELECT 'SUBTYPE = ' || format_type(r.rngsubtype, NULL)
                               || coalesce(', COLLATION = ' || nullif(r.rngcollation, 0)::regcollation::text, '')
                               || coalesce(', CANONICAL = ' || nullif(r.rngcanonical::oid, 0)::regproc::text, '')
                               || coalesce(', SUBTYPE_DIFF = ' || nullif(r.rngsubdiff::oid, 0)::regproc::text, '')
                           FROM pg_range r WHERE r.rngtypid = t.oid)
                       END
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_class rel ON rel.oid = t.typrelid
                WHERE (t.typtype IN ('d', 'r') OR t.typtype = 'c' AND rel.relkind = 'c') AND %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_type", "t.oid")), Definition::name, r -> {
                    String kind = switch (r.getString(3)) {
                        case "c" -> "composite type";
                        case "d" -> "domain";
                        default -> "range type";
                    };
                    return new Definition(displayName(r), kind, r.getString(4));
                });
    }

    /**
     * Sequences with their settings, never their current value (it moves with every insert). Not the sequences
     * of identity columns (internal to them): {@link Column#identity()} covers them, so an identity shows once.
     */
    private static SortedMap<String, Definition> readSequences(List<Part> parts) {
        return readKeyed(parts, "sequences", """
                SELECT n.nspname, s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin,
                       q.seqmax, q.seqcycle
                FROM pg_sequence q
                JOIN pg_class s ON s.oid = q.seqrelid
                JOIN pg_namespace n ON n.oid = s.relnamespace
                WHERE %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_class", "s.oid")), Definition::name,
                r -> new Definition(displayName(r), "sequence",
                        "AS %s START WITH %d INCREMENT BY %d MINVALUE %d MAXVALUE %d %s".formatted(r.getString(3),
                                r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7),
                                r.getBoolean(8) ? "CYCLE" : "NO CYCLE")));
    }

    private static SortedMap<String, Definition> readViews(List<Part> parts) {
        return readKeyed(parts, "views", """
                SELECT n.nspname, v.relname, v.relkind, pg_get_viewdef(v.oid)
                FROM pg_class v
                JOIN pg_namespace n ON n.oid = v.relnamespace
                WHERE v.relkind IN ('v', 'm') AND %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_class", "v.oid")), Definition::name,
                r -> new Definition(displayName(r), r.getString(3).equals("m") ? "materialized view" : "view",
                        r.getString(4)));
    }

    /**
     * Functions and procedures as pg_get_functiondef prints them. It refuses aggregates, so an aggregate is
     * described by its state function, state type, final function and initial value instead.
     */
    private static SortedMap<String, Definition> readFunctions(List<Part> parts) {
        return readKeyed(parts, "functions and procedures", """
                SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,
                       CASE WHEN p.prokind = 'a' THEN (
                           SELECT 'SFUNC = ' || g.aggtransfn::regprocedure::text
                               || ', STYPE = ' || format_type(g.aggtranstype, NULL)
                               || coalesce(', FINALFUNC = ' || nullif(g.aggfinalfn::oid, 0)::regprocedure::text, '')
                               || coalesce(', INITCOND = ' || quote_literal(g.agginitval), '')
                           FROM pg_aggregate g WHERE g.aggfnoid = p.oid)
                       ELSE pg_get_functiondef(p.oid) END
                FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_proc", "p.oid")), Definition::name, r -> {
                    String kind = switch (r.getString(4)) {
                        case "p" -> "procedure";
                        case "a" -> "aggregate";
                        default -> "function";
                    };
                    return new Definition(displayName(r) + "(" + r.getString(3) + ")", kind, r.getString(5));
                });
    }

    /** Triggers users create; not the internal ones that implement foreign keys. */
    private static SortedMap<String, Definition> readTriggers(List<Part> parts) {
        return readKeyed(parts, "triggers", """
                SELECT n.nspname, t.relname, g.tgname, pg_get_triggerdef(g.oid)
                FROM pg_trigger g
                JOIN pg_class t ON t.oid = g.tgrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE NOT g.tgisinternal AND %s AND %s
                """.formatted(USER_SCHEMA, standalone("pg_class", "t.oid")), Definition::name,
                r -> new Definition(displayName(r) + "." + r.getString(3), "trigger", r.getString(4)));
    }

    private static SortedMap<String, String> readExtensions(List<Part> parts) {
        SortedMap<String, String> extensions = new TreeMap<>();
        query(parts, "extensions", "SELECT extname, extversion FROM pg_extension",
                r -> extensions.put(r.getString(1), r.getString(2)));
        return Collections.unmodifiableSortedMap(extensions);
    }

    /** The display name of the object whose schema and name are the row's first two columns. */
    private static String displayName(ResultSet row) throws SQLException {
        return Catalog.displayName(row.getString(1), row.getString(2));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** One object a row, in a sorted map by the key the object names. */
    private static <T> SortedMap<String, T> readKeyed(List<Part> parts, String purpose, String sql,
                                                      Function<T, String> key,
                                                      RowMapper<T> mapper) {
        SortedMap<String, T> objects = new TreeMap<>();
        query(parts, purpose, sql, r -> {
            T object = mapper.map(r);
            objects.put(key.apply(object), object);
        });
        return Collections.unmodifiableSortedMap(objects);
    }

    /** Adds a query to the read; its rows go to {@code reader} once the read has run. */
    private static void query(List<Part> parts, String purpose, String sql, RowReader reader) {
        parts.add(new Part(purpose, sql, reader));
    }
}
