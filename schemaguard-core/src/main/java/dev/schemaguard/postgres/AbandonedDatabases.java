package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds and drops the scratch databases of dead runs on a server: a database named {@code schemaguard_<12 hex>}
 * whose comment is a SchemaGuard lease ({@link ScratchLease}) that ran out more than {@link #GRACE} ago. A live run
 * renews its leases every minute, so such a run has been gone for that long whatever machine it ran on. A database
 * without a lease in its comment is never dropped, whatever its name.
 */
public final class AbandonedDatabases {

    /** How long after its lease ran out a database is taken for abandoned: ten renewals missed. */
    public static final Duration GRACE = Duration.ofMinutes(10);

    /** A database that was not dropped, and why. */
    public record Kept(String name, String reason) {
    }

    /**
     * What was found on a server.
     *
     * @param dropped the abandoned databases dropped
     * @param kept    the scratch-named databases left alone: live leases, no lease
     * @param failed  abandoned databases that could not be dropped, with the server's reason
     */
    public record Result(String server, List<String> dropped, List<Kept> kept, List<Kept> failed) {
    }

    private AbandonedDatabases() {
    }

    /**
     * Drops the abandoned scratch databases on the server of {@code url} (connecting to its database).
     *
     * @throws InputException when the server cannot be reached or read
     */
    public static Result dropExpired(DatabaseUrl url) {
        List<String> dropped = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<Kept> failed = new ArrayList<>();
        try (Connection c = Connections.open(url, new Properties()); Statement s = c.createStatement()) {
            int major;
            Instant now;
            List<String[]> candidates = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT now(), current_setting('server_version_num')::int / 10000")) {
                r.next();
                now = r.getTimestamp(1).toInstant();
                major = r.getInt(2);
            }
            try (ResultSet r = s.executeQuery("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                    + "WHERE datname ~ '^schemaguard_[0-9a-f]{12}$' ORDER BY datname")) {
                while (r.next()) {
                    candidates.add(new String[]{r.getString(1), r.getString(2)});
                }
            }
            for (String[] candidate : candidates) {
                String name = candidate[0];
                Optional<ScratchLease> lease = ScratchLease.parse(candidate[1]);
                if (lease.isEmpty()) {
                    kept.add(new Kept(name, "no SchemaGuard lease in its comment, so nothing tells whether a run "
                            + "still uses it (made by another tool, or by a SchemaGuard before leases); drop it by "
                            + "hand when no run does"));
                } else if (lease.get().until().plus(GRACE).isAfter(now)) {
                    kept.add(new Kept(name, "in use: leased by process " + lease.get().pid() + " on "
                            + lease.get().host() + " until " + lease.get().until()));
                } else {
                    try {
                        drop(s, name, major);
                        dropped.add(name);
                    } catch (SQLException e) {
                        failed.add(new Kept(name, DatabaseUrl.redact(String.valueOf(e.getMessage())).lines()
                                .findFirst().orElse("").strip()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new InputException("cannot look for abandoned scratch databases on " + url + ": "
                    + DatabaseUrl.redact(e.getMessage()));
        }
        return new Result(url.toString(), dropped, kept, failed);
    }

    /** Drops a database whose owner is gone; sessions still on it (a dead run's backends) are ended. */
    private static void drop(Statement s, String name, int major) throws SQLException {
        for (String sql : ScratchDatabases.dropStatements(name, major)) {
            s.execute(sql);
        }
    }
}
