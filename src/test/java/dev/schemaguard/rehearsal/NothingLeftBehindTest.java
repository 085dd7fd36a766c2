package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.OwnFolders;
import dev.schemaguard.postgres.ScratchServer;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rehearsal leaves nothing behind: no scratch database, no server process, no temporary folder, also when the
 * run is interrupted. The second path, a server named with --db-url, is the local PostgreSQL service when one is
 * reachable; those tests are skipped, visibly, when it is not.
 */
class NothingLeftBehindTest {

    private static final String LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres";
    private static final String SLOW = "src/test/resources/rehearsal/slow";

    @Test
    void anInterruptedEmbeddedRunStopsItsServerAndDeletesItsFolder() throws Exception {
        Process run = startCli("rehearse", SLOW);
        Path runDir = waitFor(() -> runDirectoryOf(run.pid()), "the embedded server's folder");
        Path pidFile = runDir.resolve("data/postmaster.pid");
        waitFor(() -> Files.exists(pidFile) ? Optional.of(pidFile) : Optional.empty(), "the server");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        Thread.sleep(1500); // into the slow migration
        run.destroy(); // SIGTERM, as a CI runner's cancel or Ctrl-C's sibling does
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runDir).doesNotExist();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void onTheLocalServiceItCreatesOnlyScratchDatabasesAndDropsThem() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL service at 127.0.0.1:5432: the --db-url path is not tested here");
        List<String> before = tablesOfMaintenanceDatabase();
        Cli.Result r = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url", LOCAL, "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("rehearsal").get("server").asText()).startsWith("PostgreSQL").contains("127.0.0.1:5432");
        assertThat(scratchDatabasesOf(ProcessHandle.current().pid())).isEmpty();
        assertThat(tablesOfMaintenanceDatabase()).isEqualTo(before);
    }

    @Test
    void anInterruptedRunOnTheLocalServiceDropsItsScratchDatabase() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL service at 127.0.0.1:5432: the --db-url path is not tested here");
        Process run = startCli("rehearse", SLOW, "--db-url", LOCAL);
        waitFor(() -> scratchDatabasesOf(run.pid()).isEmpty() ? Optional.empty() : Optional.of(true),
                "a scratch database");
        Thread.sleep(1500);
        run.destroy();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(scratchDatabasesOf(run.pid())).isEmpty();
    }

    @Test
    void anUnreachableServerIsAClearErrorThatNeverShowsThePassword() {
        Cli.Result r = Cli.run("rehearse", "examples/sql-expand-contract",
                "--db-url", "postgresql://someone:s3cr3t-pw@127.0.0.1:1/postgres");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot connect to postgresql://someone@127.0.0.1:1/postgres")
                .doesNotContain("s3cr3t-pw").doesNotContain("Exception");
        assertThat(r.out()).doesNotContain("s3cr3t-pw");
    }

    private static boolean reachable() {
        ScratchServer server = TestPostgres.localService();
        if (server == null) {
            return false;
        }
        server.close();
        return true;
    }

    /** The scratch databases a process created (their comment names it), so that concurrent runs do not count. */
    private static List<String> scratchDatabasesOf(long pid) {
        return query("SELECT datname FROM pg_database d WHERE datname LIKE 'schemaguard\\_%' "
                + "AND shobj_description(d.oid, 'pg_database') LIKE '%process " + pid + ";%' ORDER BY 1");
    }

    private static List<String> tablesOfMaintenanceDatabase() {
        return query("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1");
    }

    private static List<String> query(String sql) {
        DatabaseUrl url = DatabaseUrl.parse(LOCAL);
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process startCli(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The run folder whose owner marker names the process. */
    static Optional<Path> runDirectoryOf(long pid) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(OwnFolders.userCache().resolve("run"))) {
            for (Path dir : dirs) {
                Path owner = dir.resolve("owner");
                if (Files.exists(owner) && Files.readString(owner).startsWith("pid " + pid + "\n")) {
                    return Optional.of(dir);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    private static <T> T waitFor(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.poll();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
