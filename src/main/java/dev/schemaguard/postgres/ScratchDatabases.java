package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creates and drops the databases of one run on a server. Names are {@code schemaguard_<random>}; only names
 * this object created are ever dropped, so no other database on the server is touched. Each carries a lease in its
 * comment ({@link ScratchLease}), renewed every minute while the run lives, so that a run killed before it could
 * drop them (SIGKILL, a stopped machine) leaves databases a later run can tell are abandoned.
 */
final class ScratchDatabases {

    /** How long a lease lasts; it is renewed well before, every {@link #RENEW}. */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration RENEW = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl maintenance;
    private final int majorVersion;
    private final java.util.Set<Runnable> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> leased = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService renewer;

    /** Connects once to check the server can be reached and that the user may create databases. */
    ScratchDatabases(DatabaseUrl maintenance) {
        this.maintenance = maintenance;
        try (Connection c = Connections.open(maintenance, new Properties());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000, "
                     + "rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (!r.next()) {
                throw new InputException("cannot read the role of " + maintenance + " from pg_roles");
            }
            majorVersion = r.getInt(1);
            if (!r.getBoolean(2)) {
                throw new InputException("the role " + maintenance.user() + " may not create databases on "
                        + maintenance + "; SchemaGuard works only in scratch databases it creates. Grant it "
                        + "with: ALTER ROLE " + maintenance.user() + " CREATEDB; or use the embedded server "
                        + "(leave out --db-url)");
            }
        } catch (SQLException e) {
            throw new InputException("cannot read " + maintenance + ": " + DatabaseUrl.redact(e.getMessage()));
        }
    }

    int majorVersion() {
        return majorVersion;
    }

    DatabaseUrl maintenance() {
        return maintenance;
    }

    ScratchDatabase create() {
        return create("template0");
    }

    /**
     * A database that starts as a copy of {@code template}, which must be one of this run's and have no connection
     * open (the server refuses to copy a database in use).
     */
    ScratchDatabase copyOf(ScratchDatabase template) {
        if (!leased.contains(template.name())) {
            throw new IllegalArgumentException(template.name() + " is not a database of this run");
        }
        return create(template.name());
    }

    private ScratchDatabase create(String template) {
        String name = "schemaguard_" + HexFormat.of().formatHex(randomBytes());
        Runnable dropIt = () -> drop(name);
        // Registered first: an interruption right after CREATE DATABASE still drops it.
        Cleanup.register(dropIt);
        live.add(dropIt);
        execute("CREATE DATABASE " + name + " TEMPLATE " + template + " ENCODING 'UTF8'", "creating a scratch database");
        // Whoever finds it on the server can tell whose it is and whether that run still lives.
        try (Connection c = Connections.open(maintenance, new Properties())) {
            lease(c, name);
        } catch (SQLException e) {
            throw new InputException("labelling " + name + " on " + maintenance + " failed: "
                    + DatabaseUrl.redact(e.getMessage()));
        }
        leased.add(name);
        renewLeases();
        return new ScratchDatabase(maintenance.withDatabase(name), () -> {
            leased.remove(name);
            live.remove(dropIt);
            Cleanup.run(dropIt);
        });
    }

    /** Writes a lease that runs out {@link #LEASE} from now in the server's clock. */
    private static void lease(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT now() + interval '" + LEASE.toSeconds() + " seconds'")) {
            r.next();
            ScratchLease lease = ScratchLease.ours(r.getTimestamp(1).toInstant());
            s.execute("COMMENT ON DATABASE " + name + " IS '" + lease.comment().replace("'", "''") + "'");
        }
    }

    /** Starts renewing this run's leases, once; a daemon thread, so it never keeps the process alive. */
    private synchronized void renewLeases() {
        if (renewer != null) {
            return;
        }
        renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "schemaguard-lease");
            thread.setDaemon(true);
            return thread;
        });
        renewer.scheduleWithFixedDelay(() -> {
            try (Connection c = Connections.open(maintenance, new Properties())) {
                for (String name : java.util.List.copyOf(leased)) {
                    lease(c, name);
                }
            } catch (SQLException | RuntimeException e) {
                // Tried again in a minute; a lease runs for five.
            }
        }, RENEW.toSeconds(), RENEW.toSeconds(), TimeUnit.SECONDS);
    }

    /** Drops every database created here that is still open. */
    void dropAll() {
        stopRenewing();
        for (Runnable dropIt : java.util.List.copyOf(live)) {
            live.remove(dropIt);
            Cleanup.run(dropIt);
        }
    }

    /** Stops renewing the leases (the run ends). */
    synchronized void stopRenewing() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
    }

    /**
     * Forgets the databases still open without dropping them: their server is being stopped and its files deleted,
     * which takes them all at once (dropping them afterwards could only fail).
     */
    void forgetAll() {
        stopRenewing();
        for (Runnable dropIt : java.util.List.copyOf(live)) {
            live.remove(dropIt);
            Cleanup.cancel(dropIt);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void drop(String name) {
        for (String sql : dropStatements(name, majorVersion)) {
            execute(sql, "dropping the scratch database " + name);
        }
    }

    /** The statements that drop a scratch database, ending the sessions still on it. */
    static java.util.List<String> dropStatements(String name, int majorVersion) {
        if (!name.startsWith("schemaguard_")) {
            throw new IllegalStateException("refusing to drop " + name);
        }
        if (majorVersion >= 13) {
            return java.util.List.of("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        return java.util.List.of("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                + "' AND pid <> pg_backend_pid()", "DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql, String doing) {
        try (Connection c = Connections.open(maintenance, new Properties()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new InputException(doing + " on " + maintenance + " failed: " + DatabaseUrl.redact(e.getMessage()));
        }
    }
}
