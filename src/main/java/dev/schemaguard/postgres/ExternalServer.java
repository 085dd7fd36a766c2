package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.util.function.Consumer;

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
     *
     * @param progress told which abandoned databases were dropped, so that nothing on the user's server goes unsaid
     */
    public ExternalServer(DatabaseUrl url, Consumer<String> progress) {
        this.databases = new ScratchDatabases(url);
        try {
            AbandonedDatabases.Result result = AbandonedDatabases.dropExpired(url);
            if (!result.dropped().isEmpty()) {
                progress.accept("dropped " + result.dropped().size() + " scratch database"
                        + (result.dropped().size() == 1 ? "" : "s") + " of runs that ended without dropping them "
                        + "(leases ran out over " + AbandonedDatabases.GRACE.toMinutes() + " minutes ago): "
                        + String.join(", ", result.dropped()));
            }
        } catch (InputException e) {
            // The rehearsal does not depend on it; 'schemaguard cleanup' reports what it cannot do.
        }
    }

    @Override
    public ScratchDatabase createDatabase() {
        return databases.create();
    }

    @Override
    public ScratchDatabase copyDatabase(ScratchDatabase template) {
        return databases.copyOf(template);
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
