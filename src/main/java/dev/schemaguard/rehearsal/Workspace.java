package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.ScratchDatabase;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A rehearsal database as the rehearsal uses it: the connection migrations run on, a second one that reads half of
 * each catalog snapshot, and the executor that runs the project's migrations. Replaced whole when the rehearsal goes
 * on from a copy; closing it drops the database.
 */
final class Workspace implements AutoCloseable {

    /** Opens the executor on a database that is already at the point the rehearsal wants. */
    interface Opener {
        MigrationExecutor open(ScratchDatabase database, Connection connection);
    }

    final ScratchDatabase database;
    final Connection connection;
    final Connection reader;
    final MigrationExecutor executor;

    private Workspace(ScratchDatabase database, Connection connection, Connection reader, MigrationExecutor executor) {
        this.database = database;
        this.connection = connection;
        this.reader = reader;
        this.executor = executor;
    }

    /** Connects to {@code database} and opens its executor; the database is dropped when that fails. */
    static Workspace open(ScratchDatabase database, Opener opener) {
        Connection connection = null;
        Connection reader = null;
        try {
            connection = database.connectSimple();
            reader = database.connectSimple();
            return new Workspace(database, connection, reader, opener.open(database, connection));
        } catch (RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(connection);
            database.close();
            throw e;
        }
    }

    /** Closes the executor and the connections, leaving the database (with no connection of ours) in place. */
    void disconnect() {
        try {
            executor.close();
        } finally {
            closeQuietly(reader);
            closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        try {
            disconnect();
        } finally {
            database.close();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // The database is dropped next (or was left behind by the server): nothing more to release.
        }
    }
}
