package dev.schemaguard.lint;

/**
 * What is known about a migration while its statements are checked in order.
 *
 * @param inTransaction     whether the statement being checked runs inside a transaction block, by the
 *                          runner's semantics and the explicit BEGIN/COMMIT seen so far
 * @param runner            how the runner treats the file, in words for messages ("Flyway runs ...")
 * @param lockTimeoutSet    whether a {@code SET lock_timeout} came earlier in the migration
 * @param statementCount    how many SQL statements the migration has
 * @param rerunnableRequired whether {@code require.rerunnable} is set
 */
public record MigrationFacts(boolean inTransaction, String runner, boolean lockTimeoutSet, int statementCount,
                             boolean rerunnableRequired) {
}
