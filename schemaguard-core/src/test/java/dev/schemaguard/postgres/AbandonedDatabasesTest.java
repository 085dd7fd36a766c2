package dev.schemaguard.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.Eventually;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed before it could drop its scratch databases (SIGKILL, a stopped machine) left them on a --db-url server
 * forever. Each now carries a lease in its comment, renewed while the run lives; a later run, or
 * {@code schemaguard cleanup}, drops those whose lease ran out long ago, and nothing else. The server here is the
 * test's embedded one, reached as a --db-url server through its socket.
 */
class AbandonedDatabasesTest {

    @Test
    void cleanupDropsOnlyScratchDatabasesWhoseLeaseRanOutLongAgo() throws Exception {
        try (ScratchDatabase live = TestPostgres.newDatabase()) {
            DatabaseUrl server = live.url().withDatabase("postgres");
            Instant now = serverNow(server);
            String abandoned = scratchName();
            String justExpired = scratchName();
            String unlabelled = scratchName();
            String foreign = scratchName();
            String notScratch = "schemaguard_old_" + scratchName().substring(12);
            List<String> made = List.of(abandoned, justExpired, unlabelled, foreign, notScratch);
            try {
                create(server, abandoned, new ScratchLease(4_000_000, "ci-runner-7", now.minus(Duration.ofMinutes(11))).comment());
                create(server, justExpired, new ScratchLease(4_000_001, "ci-runner-8", now.minus(Duration.ofMinutes(1))).comment());
                create(server, unlabelled, null);
                create(server, foreign, "made by hand for a demo");
                create(server, notScratch, new ScratchLease(4_000_002, "ci-runner-9", now.minus(Duration.ofHours(2))).comment());

                Cli.Result r = Cli.run("cleanup", "--db-url", server.toString(), "--format", "json");
                assertThat(r.exitCode()).as(r.err()).isZero();
                JsonNode db = r.json().get("database");
                assertThat(db.get("dropped")).extracting(JsonNode::asText).containsExactly(abandoned);
                List<String> kept = new ArrayList<>();
                db.get("kept").forEach(k -> kept.add(k.get("name").asText()));
                assertThat(kept).contains(live.name(), justExpired, unlabelled, foreign).doesNotContain(notScratch);
                assertThat(databases(server)).doesNotContain(abandoned).contains(live.name(), justExpired, unlabelled,
                        foreign, notScratch);
            } finally {
                for (String name : made) {
                    execute(server, "DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }

    @Test
    void aKilledRunsScratchDatabaseIsLeasedAndALaterRunDropsItOnceTheLeaseRanOut() throws Exception {
        DatabaseUrl server;
        try (ScratchDatabase any = TestPostgres.newDatabase()) {
            server = any.url().withDatabase("postgres");
        }
        List<String> command = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main",
                "rehearse", "schemaguard-core/src/test/resources/rehearsal/slow", "--db-url", server.toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String left;
        try {
            left = Eventually.until(() -> leasedBy(server, run.pid()), "the run's scratch database");
            Thread.sleep(1000); // into the slow migration
            run.destroyForcibly();
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        ScratchLease lease = ScratchLease.parse(comment(server, left)).orElseThrow();
        assertThat(lease.pid()).isEqualTo(run.pid());
        assertThat(lease.until()).isAfter(serverNow(server).plus(Duration.ofMinutes(4)));

        // Within its lease, a later run leaves it alone: its owner might be alive on another machine.
        Cli.Result within = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url", server.toString());
        assertThat(within.exitCode()).as(within.err()).isZero();
        assertThat(databases(server)).contains(left);

        // As if the run had been gone for eleven minutes: its lease was not renewed.
        execute(server, "COMMENT ON DATABASE " + left + " IS '" + new ScratchLease(lease.pid(), lease.host(),
                serverNow(server).minus(Duration.ofMinutes(11))).comment().replace("'", "''") + "'");
        Cli.Result later = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url", server.toString());
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(databases(server)).doesNotContain(left);
        assertThat(later.err()).contains("dropped 1 scratch database of runs that ended without dropping them")
                .contains(left);
    }

    private static Optional<String> leasedBy(DatabaseUrl server, long pid) throws SQLException {
        for (String name : databases(server)) {
            Optional<ScratchLease> lease = ScratchLease.parse(comment(server, name));
            if (lease.isPresent() && lease.get().pid() == pid) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static String scratchName() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "schemaguard_" + HexFormat.of().formatHex(bytes);
    }

    private static void create(DatabaseUrl server, String name, String comment) throws SQLException {
        execute(server, "CREATE DATABASE " + name);
        if (comment != null) {
            execute(server, "COMMENT ON DATABASE " + name + " IS '" + comment.replace("'", "''") + "'");
        }
    }

    private static Instant serverNow(DatabaseUrl server) throws SQLException {
        try (Connection c = Connections.connect(server, new Properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT now()")) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    private static String comment(DatabaseUrl server, String name) throws SQLException {
        try (Connection c = Connections.connect(server, new Properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                     + "WHERE datname = '" + name + "'")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static List<String> databases(DatabaseUrl server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = Connections.connect(server, new Properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'schemaguard%'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static void execute(DatabaseUrl server, String sql) throws SQLException {
        try (Connection c = Connections.connect(server, new Properties()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
