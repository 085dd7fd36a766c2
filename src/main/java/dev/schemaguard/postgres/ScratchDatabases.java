package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Creates and drops the databases of one run on a server. Names are {@code schemaguard_<random>}; only names
 * this object created are ever dropped, so no other database on the server is touched.
 */
final class ScratchDatabases {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl maintenance;
    private final int majorVersion;
    private final java.util.Set<Runnable> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        String name = "schemaguard_" + HexFormat.of().formatHex(randomBytes());
        Runnable dropIt = () -> drop(name);
        // Registered first: an interruption right after CREATE DATABASE still drops it.
        Cleanup.register(dropIt);
        live.add(dropIt);
        execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'", "creating a scratch database");
        // Whoever finds it on the server can tell whose it is, and tests can tell their own from concurrent runs'.
        execute("COMMENT ON DATABASE " + name + " IS 'SchemaGuard scratch database of process "
                + ProcessHandle.current().pid() + "; dropped when that run ends'", "labelling " + name);
        return new ScratchDatabase(maintenance.withDatabase(name), () -> {
            live.remove(dropIt);
            Cleanup.run(dropIt);
        });
    }

    /** Drops every database created here that is still open. */
    void dropAll() {
        for (Runnable dropIt : java.util.List.copyOf(live)) {
            live.remove(dropIt);
            Cleanup.run(dropIt);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void drop(String name) {
        if (!name.startsWith("schemaguard_")) {
            throw new IllegalStateException("refusing to drop " + name);
        }
        String sql = majorVersion >= 13
                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
        if (majorVersion < 13) {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()", "closing connections to " + name);
        }
        execute(sql, "dropping the scratch database " + name);
    }

    private void execute(String sql, String doing) {
        try (Connection c = Connections.open(maintenance, new Properties()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new InputException(doing + " on " + maintenance + " failed: " + DatabaseUrl.redact(e.getMessage()));
        }
    }
}
