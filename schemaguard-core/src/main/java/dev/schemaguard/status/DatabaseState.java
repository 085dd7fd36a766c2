package dev.schemaguard.status;

import java.util.List;

/**
 * What a database says about its migrations: the version table the project's runner keeps there, read as it is.
 *
 * @param table      the version table, schema-qualified ({@code public.alembic_version}), or {@code null} when the
 *                   database has none
 * @param kind       whose table it is, or {@code null} when there is none
 * @param rows       its rows, in the order the runner wrote them where the table keeps one (Flyway), else sorted
 * @param userTables when there is no version table: the tables the current schema holds anyway, sorted
 * @param notes      what reading it showed that a person should know (another runner's table, a table off the
 *                   search path)
 */
public record DatabaseState(String table, VersionTableKind kind, List<VersionRow> rows, List<String> userTables,
                            List<String> notes) {

    public DatabaseState {
        rows = List.copyOf(rows);
        userTables = List.copyOf(userTables);
        notes = List.copyOf(notes);
    }
}
