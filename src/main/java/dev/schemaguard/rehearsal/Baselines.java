package dev.schemaguard.rehearsal;

import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.ScriptRunner;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Loads a production schema dump into a rehearsal database, as psql would restore it. */
final class Baselines {

    private Baselines() {
    }

    private static final java.util.regex.Pattern OWNERSHIP_OR_PRIVILEGE = java.util.regex.Pattern.compile(
            "(?is)(ALTER\\s.*\\sOWNER\\s+TO\\s.*|GRANT\\s.*|REVOKE\\s.*)");

    /** Owners and grants name production's roles, which the scratch server does not have; the schema does not need them. */
    private static boolean isOwnershipOrPrivilege(Statement statement) {
        return OWNERSHIP_OR_PRIVILEGE.matcher(statement.text().strip()).matches();
    }

    /**
     * Runs the dump's statements one by one. psql meta-commands of the dump ({@code \\restrict}, {@code \\connect} of
     * the same database) are psql's business and skipped. The runner's own version table is the executor's to set
     * ({@link MigrationExecutor#stamp}).
     */
    static void load(Connection c, Rehearsal.Baseline baseline) {
        List<Statement> statements = StatementSplitter.split(baseline.file(), baseline.text(), 1).statements();
        try (java.sql.Statement jdbc = c.createStatement()) {
            for (Statement statement : statements) {
                if (statement.kind() == Statement.Kind.META_COMMAND || isOwnershipOrPrivilege(statement)) {
                    continue;
                }
                try {
                    ScriptRunner.execute(jdbc, statement);
                } catch (SQLException e) {
                    throw new InputException(baseline.file(), statement.line(), "the baseline does not load on a "
                            + "fresh database: " + DatabaseUrl.redact(e.getMessage()) + " (a schema dump made with "
                            + "pg_dump --schema-only of the production database loads as is)");
                }
            }
            // pg_dump empties search_path for its own statements; the migrations expect the usual one.
            jdbc.execute("RESET search_path");
        } catch (SQLException e) {
            throw new IllegalStateException("loading the baseline failed: " + e.getMessage(), e);
        }
    }
}
