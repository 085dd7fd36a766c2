package dev.schemaguard.rehearsal;

import dev.schemaguard.config.Config;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.ScratchServer;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.Eventually;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rehearsal leaves nothing behind: no scratch database, no server process, no temporary folder, also when the
 * run is interrupted. The second path, a server named with --db-url, is the local PostgreSQL service when one is
 * reachable; those tests are skipped, visibly, when it is not.
 */
class NothingLeftBehindTest {

    private static final String LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres";
    private static final String SLOW = "schemaguard-core/src/test/resources/rehearsal/slow";

    @Test
    void anInterruptedEmbeddedRunStopsItsServerAndDeletesItsFolder() throws Exception {
        Process run = startCli("rehearse", SLOW);
        Path runDir = Eventually.until(() -> TestPostgres.runFolderOf(run.pid()), "the embedded server's folder");
        long postmaster = postmasterOf(runDir);
        Thread.sleep(1500); // into the slow migration
        run.destroy(); // SIGTERM, as a CI runner's cancel or Ctrl-C's sibling does
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runDir).doesNotExist();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    /** SIGKILL runs no clean-up in the JVM: the server's keeper sees its owner gone and removes everything. */
    @Test
    void aKilledRunTakesItsServerAndFolderWithIt() throws Exception {
        Process run = startCli("rehearse", SLOW);
        Path runDir = Eventually.until(() -> TestPostgres.runFolderOf(run.pid()), "the embedded server's folder");
        long postmaster = postmasterOf(runDir);
        Thread.sleep(1000); // into the slow migration
        run.destroyForcibly(); // SIGKILL, as the OOM killer or a hard CI timeout does
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Eventually.until(() -> Files.exists(runDir) ? Optional.empty() : Optional.of(true), "the folder to go");
        Eventually.until(() -> ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) ? Optional.empty()
                : Optional.of(true), "the server to stop");
    }

    /**
     * Ctrl-C in a terminal signals the whole foreground process group. The server is not in it: SchemaGuard drops its
     * databases and then stops the server, in that order, without a 'clean-up failed: ... shutting down'.
     */
    @Test
    void aSignalToTheWholeProcessGroupEndsTheRunCleanly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "setsid is needed to run the CLI in a group of its own");
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(cliCommand("rehearse", SLOW));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path runDir = Eventually.until(() -> TestPostgres.runFolderOf(run.pid()), "the embedded server's folder");
        Path pidFile = runDir.resolve("data/postmaster.pid");
        Eventually.until(() -> Files.exists(pidFile) ? Optional.of(pidFile) : Optional.empty(), "the server");
        Thread.sleep(1500); // into the slow migration
        // setsid made the CLI a process group leader: the group's id is its pid.
        new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start().waitFor();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(output).contains("interrupted").doesNotContain("clean-up failed");
        assertThat(runDir).doesNotExist();
    }

    /**
     * The Alembic driver script was written to the temporary folder: Python then put that shared folder first on the
     * driver's module path (another user's json.py ran in it, as root in CI), and a killed run left the script there.
     * Here the temporary folder is a world-writable one of the test's, where the account nobody plants a json.py that
     * leaves a proof when it is imported and otherwise behaves as the real one.
     */
    @Test
    void anAlembicRehearsalNeitherImportsFromNorLeavesFilesInTheTemporaryFolder(@TempDir Path temp) throws Exception {
        var alembic = AlembicExecutor.availability(Path.of("examples/alembic-fork"),
                new Config.Alembic(null, null, null));
        assumeTrue(alembic.available(), alembic.problem());
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to plant a module as another user");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectory(temp.resolve("tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path proof = shared.resolve("proof");
        String module = "import importlib, sys\n"
                + "open(" + pythonString(proof) + ", 'w').write('imported')\n"
                + "sys.path[:] = [p for p in sys.path if p != " + pythonString(shared) + "]\n"
                + "del sys.modules['json']\n"
                + "sys.modules['json'] = importlib.import_module('json')\n";
        Process plant = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c",
                "cat > " + shared.resolve("json.py")).start();
        plant.getOutputStream().write(module.getBytes(StandardCharsets.UTF_8));
        plant.getOutputStream().close();
        assertThat(plant.waitFor()).isZero();

        Path project = temp.resolve("project");
        Path fixture = Path.of("schemaguard-core/src/test/resources/rehearsal/branch-order-dependent");
        new ProjectBuilder(project)
                .file("alembic.ini", Files.readString(fixture.resolve("alembic.ini")))
                .file("migrations/env.py", Files.readString(fixture.resolve("migrations/env.py")))
                .file("migrations/versions/0001_slow.py", "revision = '0001'\ndown_revision = None\n\n"
                        + "from alembic import op\n\n\ndef upgrade():\n    op.execute('SELECT pg_sleep(60)')\n");
        List<String> command = cliCommand("rehearse", project.toString());
        command.add(1, "-Djava.io.tmpdir=" + shared);
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Eventually.until(() -> run.descendants().filter(p -> p.info().commandLine().orElse("").contains("python"))
                    .findFirst(), "the Alembic driver");
            Thread.sleep(2000); // into the slow revision
            run.destroyForcibly();
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        assertThat(proof).as("the planted module was imported").doesNotExist();
        try (Stream<Path> left = Files.list(shared)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("json.py");
        }
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
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
        Eventually.until(() -> scratchDatabasesOf(run.pid()).isEmpty() ? Optional.empty() : Optional.of(true),
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
                + "AND shobj_description(d.oid, 'pg_database') LIKE '%process " + pid + " on %' ORDER BY 1");
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
        return new ProcessBuilder(cliCommand(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static List<String> cliCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** The pid of a run's server; the postmaster creates its pid file before it writes it, so wait for the pid. */
    private static long postmasterOf(Path runDir) throws Exception {
        Path pidFile = runDir.resolve("data/postmaster.pid");
        Eventually.until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank() ? Optional.of(pidFile)
                : Optional.empty(), "the server");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }
}
