package dev.schemaguard.postgres;

/**
 * A server the user named with {@code --db-url} or {@code database.url}. SchemaGuard only creates its own
 * scratch databases there and drops them at the end; the database in the URL is used to issue
 * CREATE DATABASE and DROP DATABASE, never written to.
 */
public final class ExternalServer implements ScratchServer {

    private final ScratchDatabases databases;

    public ExternalServer(DatabaseUrl url) {
        this.databases = new ScratchDatabases(url);
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
