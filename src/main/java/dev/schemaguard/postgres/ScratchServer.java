package dev.schemaguard.postgres;

/**
 * A PostgreSQL server on which SchemaGuard may create databases of its own: one it started (embedded) or
 * one the user named ({@code --db-url}). Closing it drops every database it created and, for an embedded
 * server, stops the server and deletes its files.
 */
public interface ScratchServer extends AutoCloseable {

    /** Creates an empty database that belongs to this run; closing the database drops it. */
    ScratchDatabase createDatabase();

    /**
     * Creates a database of this run that starts as a copy of {@code template} (a database this server created, with
     * no connection open to it); closing the copy drops it.
     */
    ScratchDatabase copyDatabase(ScratchDatabase template);

    /** Where the server is, safe to print (never a password). */
    String description();

    /** The server's major version, e.g. 18. */
    int majorVersion();

    @Override
    void close();
}
