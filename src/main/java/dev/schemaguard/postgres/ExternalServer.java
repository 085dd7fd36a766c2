package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

/**
 * A server the user named with {@code --db-url} or {@code database.url}. SchemaGuard only creates its own
 * scratch databases there and drops them at the end; the database in the URL is used to issue
 * CREATE DATABASE and DROP DATABASE, never written to. Scratch databases of runs that died before they could drop
 * theirs are dropped by a later run once their lease has run out.
 */
public final class ExternalServer implements ScratchServer {

    private final ScratchDatabases databases;

    /**
     * Connects to the server, checks the role may create databases, and drops the scratch databases that dead runs
     * left there ({@link AbandonedDatabases}: leases that ran out long ago).
     */
    public ExternalServer(DatabaseUrl url) {
        this.databases = new ScratchDatabases(url);
        try {
            AbandonedDatabases.dropExpired(url);
        } catch (InputException e) {
            // The rehearsal does not depend on it; 'schemaguard cleanup' reports what it cannot do.
        }
    }

    @Override
    public ScratchDatabase createDatabase() {
        return databases.create();
    }

    @Override
    public String description() {
        return "PostgreSQL " + databases.majorVersion() + " at " + databases.maintenance();
    }

    @Override
    public int majorVersion() {
        return databases.majorVersion();
    }

    /** Drops the scratch databases still open; an interrupted run drops them from a shutdown hook. */
    @Override
    public void close() {
        databases.dropAll();
    }
}
