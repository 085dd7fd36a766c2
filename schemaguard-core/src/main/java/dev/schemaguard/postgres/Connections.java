package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens JDBC connections without the driver manager's class-path scan, says in one line why one could not be opened,
 * and tells a connection's transaction state.
 */
public final class Connections {

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();
    /**
     * The driver logs some failures through java.util.logging before it throws them (a port out of range), which
     * would print a timestamped line on stderr beside SchemaGuard's own message; every failure reaches the user
     * through the exception. Held here: the logging framework keeps loggers only weakly.
     */
    private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");
    /** PostgreSQL's SSLRequest: length 8, code 1234.5679. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    static {
        DRIVER_LOG.setLevel(Level.OFF);
    }

    private Connections() {
    }

    /**
     * Connects with exactly the address's settings and {@code extra}: no session setting is added, so that this also
     * works behind a connection pooler that refuses startup options.
     *
     * @throws InputException when the server cannot be reached or refuses the login: one line, never the password
     */
    public static Connection connect(DatabaseUrl url, Properties extra) {
        Properties properties = url.properties();
        properties.putAll(extra);
        properties.putIfAbsent("connectTimeout", "10");
        try {
            Connection c = DRIVER.connect(url.jdbcUrl(), properties);
            if (c == null) {
                throw new InputException("the PostgreSQL driver does not accept " + url);
            }
            return c;
        } catch (SQLException e) {
            throw new InputException("cannot connect to " + url + ": " + reason(url, e));
        }
    }

    /** A connection for SchemaGuard's own work on a scratch database: {@link #connect} with JIT compilation off. */
    static Connection open(DatabaseUrl url, Properties extra) {
        Properties properties = new Properties();
        properties.putAll(extra);
        // JIT compiling the catalog, seeding and fingerprint queries costs far more than running them on scratch
        // databases: measured, it made a rehearsal on a server with jit on 1.7 times slower.
        String options = extra.getProperty("options", url.properties().getProperty("options"));
        properties.setProperty("options", options == null || options.isBlank() ? "-c jit=off" : options + " -c jit=off");
        return connect(url, properties);
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

    /** Why a connection failed, on one line, with the cause the driver only wraps. */
    private static String reason(DatabaseUrl url, SQLException e) {
        String message = firstLine(e.getMessage());
        Throwable cause = e.getCause();
        boolean fromServer = e instanceof PSQLException p && p.getServerErrorMessage() != null;
        boolean unreachable = cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException;
        if (!fromServer && !unreachable && !speaksPostgres(url)) {
            return "the server at " + (url.isSocket() ? url.socketFile() : url.host() + ":" + url.port())
                    + " is not a PostgreSQL server (it does not answer PostgreSQL's protocol)";
        }
        if (cause instanceof UnknownHostException) {
            message += " (unknown host " + cause.getMessage() + ")";
        } else if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + firstLine(cause.getMessage()) + ")";
        }
        if (url.passwordNote() != null && "28P01".equals(e.getSQLState())) {
            message += "; " + url.passwordNote();
        }
        return message;
    }

    /**
     * Whether what listens at the address answers a PostgreSQL SSLRequest as every PostgreSQL server does, with one
     * byte: S, N (or E from very old servers). Another service (HTTP, Redis) answers otherwise or not at all. When
     * nothing can be asked (the connection itself fails), the answer is yes: the driver's own message says why.
     */
    private static boolean speaksPostgres(DatabaseUrl url) {
        try (Socket socket = url.isSocket() ? new UnixSocketFactory(url.properties()).createSocket() : new Socket()) {
            try {
                socket.connect(url.isSocket() ? null : new InetSocketAddress(url.host(), url.port()), 5000);
            } catch (IOException e) {
                return true;
            }
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(SSL_REQUEST);
            out.flush();
            InputStream in = socket.getInputStream();
            int answer = in.read();
            return answer == 'S' || answer == 'N' || answer == 'E';
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstLine(String text) {
        return DatabaseUrl.redact(String.valueOf(text)).lines().findFirst().orElse("").strip();
    }
}
