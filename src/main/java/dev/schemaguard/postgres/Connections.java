package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections without the driver manager's class-path scan, and tells their transaction state. */
final class Connections {

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private Connections() {
    }

    static Connection open(DatabaseUrl url, Properties extra) {
        Properties properties = url.properties();
        properties.putAll(extra);
        properties.putIfAbsent("connectTimeout", "10");
        // JIT compiling the catalog, seeding and fingerprint queries costs far more than running them on scratch
        // databases: measured, it made a rehearsal on a server with jit on 1.7 times slower.
        String options = properties.getProperty("options");
        properties.setProperty("options", options == null || options.isBlank() ? "-c jit=off" : options + " -c jit=off");
        try {
            Connection c = DRIVER.connect(url.jdbcUrl(), properties);
            if (c == null) {
                throw new InputException("the PostgreSQL driver does not accept " + url);
            }
            return c;
        } catch (SQLException e) {
            throw new InputException("cannot connect to " + url + ": " + DatabaseUrl.redact(e.getMessage()));
        }
    }

    /**
     * Whether no transaction is open on the connection: auto-commit mode, and no BEGIN left open by a script run on
     * it, which the driver's auto-commit flag does not show.
     */
    static boolean idle(Connection c) {
        try {
            return c.getAutoCommit() && c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
        } catch (SQLException e) {
            return false; // closed: whatever runs on it next fails and says so
        }
    }
}
