package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A database created by SchemaGuard for one run: it may be changed freely and is dropped on close. */
public final class ScratchDatabase implements AutoCloseable {

    private final DatabaseUrl url;
    private final Runnable drop;

    ScratchDatabase(DatabaseUrl url, Runnable drop) {
        this.url = url;
        this.drop = drop;
    }

    public String name() {
        return url.database();
    }

    /** The address of this database, without password. */
    public DatabaseUrl url() {
        return url;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() {
        return Connections.open(url, new Properties());
    }

    /**
     * A connection that sends each statement with the simple query protocol, as psql and migration runners do,
     * so that migration text reaches the server exactly as written.
     */
    public Connection connectSimple() {
        Properties extra = new Properties();
        extra.setProperty("preferQueryMode", "simple");
        return Connections.open(url, extra);
    }

    /** Drops the database (closing every connection to it first). */
    @Override
    public void close() {
        drop.run();
    }

    /** Wraps a driver error on this database as one message (never with the password). */
    InputException failure(String doing, SQLException e) {
        return new InputException(doing + " on " + url + " failed: " + DatabaseUrl.redact(e.getMessage()));
    }
}
