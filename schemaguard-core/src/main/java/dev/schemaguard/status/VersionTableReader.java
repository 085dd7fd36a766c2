package dev.schemaguard.status;

import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.source.MigrationFormat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the version table of a project's runner in a database and reads its rows; it only ever selects.
 * <p>
 * A name alone does not say whose table it is, so each candidate's columns decide. When a name exists in several
 * schemas, the one the search path finds wins, as an unqualified name in the runner's own queries would.
 */
public final class VersionTableReader {

    private static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

    private VersionTableReader() {
    }

    /** A table that may be a version table: where it is and what columns it has. */
    private record Candidate(String schema, String name, boolean visible, Map<String, String> columns) {

        VersionTableKind kind() {
            return VersionTableKind.ofColumns(columns);
        }

        String qualified() {
            return schema + "." + name;
        }

        String sql() {
            return Catalog.quote(schema) + "." + Catalog.quote(name);
        }
    }

    /**
     * Reads the version table of a project in {@code format}.
     *
     * @param requested the table the user named ({@code name} or {@code schema.name}), or {@code null} for the
     *                  runner's default names
     * @throws InputException when the table the runner would use is not the runner's (wrong columns), or when
     *                        several schemas hold one and none is on the search path
     */
    public static DatabaseState read(Connection c, MigrationFormat format, String requested) throws SQLException {
        List<VersionTableKind> expected = VersionTableKind.expectedFor(format);
        if (expected.isEmpty()) {
            throw new InputException("status cannot tell where a database stands for " + format.configName()
                    + " migrations: SchemaGuard does not read that runner's version table; graph --stamp REV shows "
                    + "what an upgrade from a revision you name would run");
        }
        Set<String> names = new LinkedHashSet<>();
        for (VersionTableKind kind : VersionTableKind.values()) {
            names.addAll(kind.defaultNames());
        }
        String requestedSchema = null;
        String requestedName = null;
        if (requested != null) {
            int dot = requested.indexOf('.');
            requestedSchema = dot < 0 ? null : requested.substring(0, dot);
            requestedName = dot < 0 ? requested : requested.substring(dot + 1);
            names.add(requestedName);
        }
        List<Candidate> candidates = candidates(c, names);
        List<String> notes = new ArrayList<>();
        List<Candidate> usable = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean named = requested == null ? defaultNameOf(expected, candidate.name())
                    : candidate.name().equals(requestedName)
                    && (requestedSchema == null || candidate.schema().equals(requestedSchema));
            VersionTableKind kind = candidate.kind();
            if (named && kind != null && expected.contains(kind)) {
                usable.add(candidate);
            } else if (named && (requested != null || isPrimaryName(expected, candidate.name()))) {
                // The runner would use this table and choke on it: there is no telling where the database stands.
                throw new InputException(candidate.qualified() + " is not " + runners(expected) + "'s version table: "
                        + (kind == null ? "its columns (" + String.join(", ", candidate.columns().keySet())
                        + ") are no runner's" : "its columns are " + kind.label() + "'s")
                        + ", but the project's migrations are " + format.configName());
            } else if (kind != null && !expected.contains(kind) && kind.defaultNames().contains(candidate.name())) {
                notes.add("the database also has " + candidate.qualified() + ", " + kind.label()
                        + "'s version table; the project's migrations are " + format.configName()
                        + ", so it is not what an upgrade reads");
            }
        }
        if (usable.isEmpty()) {
            // Another runner's version table is not the project's data.
            Set<String> versionTables = new HashSet<>();
            candidates.stream().filter(t -> t.kind() != null)
                    .forEach(t -> versionTables.add(Catalog.displayName(t.schema(), t.name())));
            List<String> tables = userTables(c).stream().filter(t -> !versionTables.contains(t)).toList();
            if (requested != null && !tables.isEmpty()) {
                // A mistyped name would pass for an empty database and promise an upgrade from scratch.
                throw new InputException("no table " + requested + " in the database, yet its schema holds "
                        + tables.size() + (tables.size() == 1 ? " table" : " tables") + ": check --version-table");
            }
            return new DatabaseState(null, null, List.of(), tables, notes);
        }
        Candidate table = choose(usable, expected);
        if (!table.visible() && requestedSchema == null && table.kind() != VersionTableKind.SQITCH) {
            notes.add(table.qualified() + " is not on this connection's search_path; it is read because no other "
                    + "schema has one, but check that the runner uses that schema");
        }
        return new DatabaseState(table.qualified(), table.kind(), rows(c, table), List.of(), notes);
    }

    private static boolean defaultNameOf(List<VersionTableKind> kinds, String name) {
        return kinds.stream().anyMatch(k -> k.defaultNames().contains(name));
    }

    /** The name the runner uses today (not a legacy one such as Flyway's schema_version, a common name). */
    private static boolean isPrimaryName(List<VersionTableKind> kinds, String name) {
        return kinds.stream().anyMatch(k -> k.defaultNames().get(0).equals(name));
    }

    private static String runners(List<VersionTableKind> kinds) {
        return String.join(" or ", kinds.stream().map(VersionTableKind::label).toList());
    }

    /** The table on the search path, else the only one; the runner's current default name before a legacy one. */
    private static Candidate choose(List<Candidate> usable, List<VersionTableKind> expected) {
        Comparator<Candidate> preference = Comparator.comparing((Candidate t) -> !t.visible())
                .thenComparing(t -> !isPrimaryName(expected, t.name()));
        List<Candidate> sorted = new ArrayList<>(usable);
        sorted.sort(preference);
        if (sorted.size() > 1 && preference.compare(sorted.get(0), sorted.get(1)) == 0) {
            throw new InputException("several version tables and none on the search path: "
                    + String.join(", ", sorted.stream().map(Candidate::qualified).toList())
                    + "; name the one the runner uses with --version-table SCHEMA.TABLE");
        }
        return sorted.get(0);
    }

    private static List<Candidate> candidates(Connection c, Set<String> names) throws SQLException {
        String sql = "SELECT n.nspname, cl.relname, pg_catalog.pg_table_is_visible(cl.oid), a.attname, "
                + "pg_catalog.format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_catalog.pg_class cl JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace "
                + "JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "WHERE cl.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_SCHEMA + " AND cl.relname = ANY (?) "
                + "ORDER BY n.nspname, cl.relname, a.attnum";
        Map<String, Candidate> byName = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1) + "." + r.getString(2);
                    Candidate candidate = byName.get(key);
                    if (candidate == null) {
                        candidate = new Candidate(r.getString(1), r.getString(2), r.getBoolean(3), new LinkedHashMap<>());
                        byName.put(key, candidate);
                    }
                    candidate.columns().put(r.getString(4), r.getString(5));
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The version of the row that stands for a held DATABASECHANGELOGLOCK: who holds it and since when. */
    static final String LIQUIBASE_LOCK = "databasechangeloglock";

    private static List<VersionRow> rows(Connection c, Candidate table) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        String from = " FROM " + table.sql();
        try (Statement s = c.createStatement()) {
            switch (table.kind()) {
                case ALEMBIC -> {
                    try (ResultSet r = s.executeQuery("SELECT version_num" + from + " ORDER BY version_num")) {
                        while (r.next()) {
                            rows.add(VersionRow.of(r.getString(1)));
                        }
                    }
                }
                case DBMATE -> {
                    try (ResultSet r = s.executeQuery("SELECT version" + from + " ORDER BY version")) {
                        while (r.next()) {
                            rows.add(VersionRow.of(r.getString(1)));
                        }
                    }
                }
                case GOLANG_MIGRATE -> {
                    try (ResultSet r = s.executeQuery("SELECT version::text, dirty" + from + " ORDER BY version")) {
                        while (r.next()) {
                            rows.add(new VersionRow(r.getString(1), null, null, null, null, true, r.getBoolean(2)));
                        }
                    }
                }
                case GOOSE -> {
                    // goose appends a row per up and per down; the newest row of a version says where it stands
                    Map<String, Boolean> latest = new LinkedHashMap<>();
                    try (ResultSet r = s.executeQuery("SELECT version_id::text, is_applied" + from + " ORDER BY id")) {
                        while (r.next()) {
                            latest.remove(r.getString(1));
                            latest.put(r.getString(1), r.getBoolean(2));
                        }
                    }
                    latest.forEach((version, applied) -> {
                        if (applied && !version.equals("0")) {
                            rows.add(VersionRow.of(version));
                        }
                    });
                }
                case DIESEL -> {
                    try (ResultSet r = s.executeQuery("SELECT version" + from + " ORDER BY version")) {
                        while (r.next()) {
                            rows.add(VersionRow.of(r.getString(1)));
                        }
                    }
                }
                case PRISMA -> {
                    // a rolled-back row is no longer applied; a row neither finished nor rolled back failed
                    try (ResultSet r = s.executeQuery("SELECT migration_name, finished_at IS NOT NULL" + from
                            + " WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name")) {
                        while (r.next()) {
                            rows.add(new VersionRow(r.getString(1), null, null, null, null, r.getBoolean(2), false));
                        }
                    }
                }
                case LIQUIBASE -> {
                    try (ResultSet r = s.executeQuery("SELECT author || ':' || id, filename, exectype, md5sum" + from
                            + " ORDER BY orderexecuted, dateexecuted")) {
                        while (r.next()) {
                            rows.add(new VersionRow(r.getString(1), r.getString(2), r.getString(3), null,
                                    r.getString(4), true, false));
                        }
                    }
                    // Liquibase creates the lock table beside its changelog table; without one nobody holds a lock
                    String lock = table.sql().substring(0, table.sql().lastIndexOf('.') + 1) + "databasechangeloglock";
                    boolean locks;
                    try (ResultSet r = s.executeQuery("SELECT to_regclass('" + lock.replace("'", "''") + "') IS NOT NULL")) {
                        locks = r.next() && r.getBoolean(1);
                    }
                    if (locks) {
                        try (ResultSet r = s.executeQuery("SELECT lockedby, lockgranted::text FROM " + lock
                                + " WHERE locked")) {
                            while (r.next()) {
                                rows.add(new VersionRow(LIQUIBASE_LOCK, r.getString(1), r.getString(2), null, null,
                                        true, false));
                            }
                        }
                    }
                }
                case DJANGO -> {
                    try (ResultSet r = s.executeQuery("SELECT app || '.' || name" + from + " ORDER BY applied, id")) {
                        while (r.next()) {
                            rows.add(VersionRow.of(r.getString(1)));
                        }
                    }
                }
                case SQITCH -> {
                    try (ResultSet r = s.executeQuery("SELECT change, project" + from
                            + " ORDER BY committed_at, change_id")) {
                        while (r.next()) {
                            rows.add(new VersionRow(r.getString(1), r.getString(2), null, null, null, true, false));
                        }
                    }
                }
                case FLYWAY -> {
                    try (ResultSet r = s.executeQuery("SELECT version, description, type, script, checksum, success"
                            + from + " ORDER BY installed_rank")) {
                        while (r.next()) {
                            rows.add(new VersionRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                    r.getString(5), r.getBoolean(6), false));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The tables in the schema a runner works in (the connection's current schema) when there is no version table:
     * the database is not empty all the same.
     */
    private static List<String> userTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT n.nspname, cl.relname FROM pg_catalog.pg_class cl "
                     + "JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace "
                     + "WHERE cl.relkind IN ('r', 'p') AND NOT cl.relispartition AND n.nspname = current_schema() "
                     + "ORDER BY 1, 2")) {
            while (r.next()) {
                tables.add(Catalog.displayName(r.getString(1), r.getString(2)));
            }
        }
        return tables;
    }
}
