package dev.schemaguard.rehearsal;

import java.util.List;

/**
 * What running one script of a migration (its up, its down, or its up again) did on the rehearsal database.
 *
 * @param failure the error that stopped it, or {@code null} when it ran to the end
 * @param locks   ACCESS EXCLUSIVE locks it took on relations that existed before it (empty when not traced)
 * @param nanos   the time it took
 */
public record Execution(Failure failure, List<Lock> locks, long nanos) {

    public Execution {
        locks = List.copyOf(locks);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /**
     * A statement the server refused (or a runner error before any statement ran).
     *
     * @param file     the file to point at (the migration file, or its down file), relative to the project
     * @param line     the line there, 0 when unknown
     * @param sqlState the SQLSTATE, or empty when the error did not come from the server
     * @param message  the server's (or runner's) message
     */
    public record Failure(String file, int line, String sqlState, String message) {

        /** {@code ERROR 42710: type "division" already exists}, or just the message without SQLSTATE. */
        public String describe() {
            return sqlState.isEmpty() ? message : "ERROR " + sqlState + ": " + message;
        }
    }

    /**
     * An ACCESS EXCLUSIVE lock on a relation that existed before the migration.
     *
     * @param relation       display name of the table
     * @param file           where the statement that took it is
     * @param line           its line
     * @param statement      a one-line summary of the statement
     * @param heldUntilLine  the line of the last statement that ran while the lock was held; equal to {@code line}
     *                       when the lock ended with its own statement
     */
    public record Lock(String relation, String file, int line, String statement, int heldUntilLine) {

        public boolean heldAcrossStatements() {
            return heldUntilLine != line;
        }
    }
}
