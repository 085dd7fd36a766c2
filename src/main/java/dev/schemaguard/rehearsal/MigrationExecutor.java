package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.ScriptRunner;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.Map;

/**
 * Runs a migration's scripts on the rehearsal database the way the project's runner would: SQL files statement by
 * statement with the format's transaction semantics, Alembic migrations through the project's own Alembic.
 * Between calls the database is idle, so the rehearsal can read its catalog and data on a connection of its own.
 */
interface MigrationExecutor extends AutoCloseable {

    /**
     * Applies the migration.
     *
     * @param existing relations that existed before, by oid with display names, to trace locks on
     */
    Execution up(Migration migration, Map<Long, String> existing);

    /** Whether the migration has a down script (an Alembic downgrade() that does more than pass). */
    boolean hasDown(Migration migration);

    /** Reverts the migration with its down script. */
    Execution down(Migration migration);

    /** Applies the migration once more on top of itself, as a runner restarted mid-deploy would. */
    Execution rerun(Migration migration);

    /** Whether {@link #rerun} leaves the database as it found it (run in a transaction that is rolled back). */
    default boolean rerunLeavesNoTrace(Migration migration) {
        return false;
    }

    /**
     * The tables, by display name, in which the runner keeps its own bookkeeping beyond the usual version tables
     * (an Alembic {@code version_table} env.py names): not the application's schema or data.
     */
    default List<String> versionTables() {
        return List.of();
    }

    /** Tells {@code progress} of each statement of a migration's script as it runs, where statements are known. */
    default void onStatements(ScriptRunner.StatementProgress progress) {
    }

    /** Records {@code revisions} as applied, without running them: a baseline's starting point. */
    default void stamp(List<String> revisions) {
    }

    @Override
    void close();
}
