package dev.schemaguard.status;

import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Connections;
import dev.schemaguard.postgres.DatabaseUrl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A session on a user's database (often production) that cannot change it: the connection is read-only and the reads
 * run in one read-only transaction that is rolled back. Statement and lock timeouts keep a busy or locked server
 * from hanging a deploy.
 */
public final class ReadOnlySession {

    /** Reads from the database in one read-only transaction. */
    @FunctionalInterface
    public interface Read<T> {
        T from(Connection connection) throws SQLException;
    }

    private ReadOnlySession() {
    }

    /**
     * Connects to {@code url}, runs {@code read} in a read-only repeatable-read transaction (one consistent view),
     * rolls it back and disconnects.
     *
     * @throws InputException when the server cannot be reached, refuses the login or a read fails: one line, naming
     *                        the database without its password
     */
    public static <T> T read(DatabaseUrl url, Read<T> read) {
        // Defaults the address may override.
        Properties properties = new Properties();
        properties.setProperty("loginTimeout", "20");
        properties.setProperty("socketTimeout", "120");
        properties.putAll(url.properties());
        Connection connection = Connections.connect(url, properties);
        try (connection) {
            connection.setAutoCommit(false);
            // The driver begins every transaction READ ONLY; nothing is set for the session.
            connection.setReadOnly(true);
            try {
                try (Statement s = connection.createStatement()) {
                    // Transaction-scoped settings only: behind a pooler (PgBouncer in transaction mode) a session
                    // setting would outlive this read on a server connection the application shares.
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    s.execute("SET LOCAL statement_timeout = '30s'");
                    s.execute("SET LOCAL lock_timeout = '10s'");
                }
                return read.from(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            String hint = "55P03".equals(e.getSQLState()) ? " (a migration may be running right now)" : "";
            throw new InputException("cannot read the migration state of " + url + ": " + describe(e) + hint);
        }
    }

    /** The driver's message on one line, without any password, with the cause the driver only wraps. */
    private static String describe(SQLException e) {
        String message = DatabaseUrl.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse("").strip();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            return message + " (" + DatabaseUrl.redact(cause.getMessage()).lines().findFirst().orElse("") + ")";
        }
        return message;
    }
}
