package dev.schemaguard.postgres;

import dev.schemaguard.testing.Eventually;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedServerTest {

    @Test
    void startsARealServerWhereScratchDatabasesCanBeCreatedAndIsGoneAfterClose() throws Exception {
        List<String> progress = new ArrayList<>();
        Path dataDir;
        long pid;
        try (EmbeddedServer server = EmbeddedServer.start(null, progress::add)) {
            assertThat(server.description()).startsWith("embedded PostgreSQL 18.");
            assertThat(server.majorVersion()).isEqualTo(18);
            try (ScratchDatabase db = server.createDatabase(); Connection c = db.connect();
                 Statement s = c.createStatement()) {
                assertThat(db.name()).matches("schemaguard_[0-9a-f]{12}");
                s.execute("CREATE TABLE t (id int)");
                ResultSet r = s.executeQuery("SELECT current_database(), current_setting('server_version_num')");
                r.next();
                assertThat(r.getString(1)).isEqualTo(db.name());
                assertThat(r.getInt(2)).isGreaterThanOrEqualTo(180000);
            }
            dataDir = server.runDirectory();
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("data/postmaster.pid")).get(0).strip());
            assertThat(ProcessHandle.of(pid)).isPresent();
        }
        assertThat(dataDir).doesNotExist();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    /**
     * As root where user namespaces are not allowed (some containers), the server runs as an unprivileged account;
     * SCHEMAGUARD_EMBEDDED_USER forces that path here.
     */
    @Test
    void asRootWithoutUserNamespacesTheServerRunsAsAnUnprivilegedAccount() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root needs another account for PostgreSQL");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"),
                "no account named nobody");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main", "rehearse",
                "schemaguard-core/src/test/resources/rehearsal/lock-held-through-backfill", "--format", "json").redirectErrorStream(true);
        builder.environment().put("SCHEMAGUARD_EMBEDDED_USER", "nobody");
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(output).isZero();
        assertThat(output).contains("\"outcome\" : \"applied\"");
    }

    /**
     * The server gives a superuser session with the rights of the account running SchemaGuard (root in CI). It must be
     * out of reach of every other user: no TCP port (a 127.0.0.1 listener with trust authentication let any local
     * user COPY to root's files), and a socket in a folder only its owner may enter.
     */
    @Test
    void noOtherUserCanReachTheServer(@TempDir Path rootOnly) throws Exception {
        assumeTrue(isRoot() && hasNobody(), "needs root and an account named nobody to try as another user");
        try (EmbeddedServer server = EmbeddedServer.start(null, line -> { })) {
            Path data = server.runDirectory().resolve("data");
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            assertThat(listeningTcpSockets(postmaster)).as("TCP ports the server listens on").isEmpty();
            try (ScratchDatabase db = server.createDatabase(); Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT current_setting('listen_addresses')")) {
                r.next();
                assertThat(r.getString(1)).isEmpty();
            }
            Path proof = rootOnly.resolve("proof");
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is needed to try as another user");
            Run attempt = asNobody("psql", "-h", data.toString(), "-p", "5432", "-U", "postgres", "-d", "postgres",
                    "-c", "COPY (SELECT 'x') TO '" + proof + "'");
            assertThat(attempt.exitCode()).as(attempt.output()).isNotZero();
            assertThat(attempt.output()).containsAnyOf("Permission denied", "No such file or directory");
            assertThat(proof).doesNotExist();
        }
    }

    /**
     * The attack on the clean-up of abandoned runs: another user plants a folder that looks like an abandoned run
     * whose postmaster.pid names a victim process. A later start must neither signal the victim nor delete the folder.
     */
    @Test
    void aPlantedRunFolderNeitherKillsAProcessNorIsDeleted(@TempDir Path temp) throws Exception {
        assumeTrue(isRoot() && hasNobody(), "needs root and an account named nobody to plant as another user");
        // A world-writable temporary folder of the test's own, as /tmp is (where other programs clean up too).
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectory(temp.resolve("tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process victim = new ProcessBuilder("sleep", "300").start();
        Path planted = shared.resolve("schemaguard-pg-planted");
        try {
            Run plant = asNobody("sh", "-c", "mkdir -p " + planted + "/data && echo 4000000 > " + planted
                    + "/owner.pid && echo " + victim.pid() + " > " + planted + "/data/postmaster.pid");
            assertThat(plant.exitCode()).as(plant.output()).isZero();
            Process run = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + shared, "-cp", System.getProperty("java.class.path"),
                    "dev.schemaguard.cli.Main", "rehearse", "examples/sql-expand-contract").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).isZero();
            assertThat(victim.isAlive()).isTrue();
            assertThat(planted.resolve("data/postmaster.pid")).exists();
        } finally {
            victim.destroyForcibly();
        }
    }

    /**
     * In the user's own run folder too, a pid in postmaster.pid is signalled only when it is that folder's server:
     * an abandoned folder is removed, the process it names is not touched.
     */
    @Test
    void anAbandonedRunFolderIsRemovedWithoutSignallingAProcessThatIsNotItsServer() throws Exception {
        Process victim = new ProcessBuilder("sleep", "300").start();
        Path runs = OwnFolders.userCache().resolve("run");
        Path abandoned = runs.resolve("abandoned-" + victim.pid());
        try {
            Files.createDirectories(abandoned.resolve("data"));
            Files.writeString(abandoned.resolve("owner"), "pid 4000000\nstarted 1\n");
            Files.writeString(abandoned.resolve("data/postmaster.pid"), victim.pid() + "\n");
            assertThat(EmbeddedServer.removeAbandonedRuns()).contains(abandoned);
            assertThat(abandoned).doesNotExist();
            assertThat(victim.isAlive()).isTrue();
        } finally {
            victim.destroyForcibly();
            PostgresBinaries.deleteTree(abandoned);
        }
    }

    /**
     * When SchemaGuard and the server's keeper are killed together, the orphaned server is found by the next start
     * (or cleanup) and stopped, and its folder removed.
     */
    @Test
    void anOrphanedServerIsStoppedAndItsFolderRemovedLater() throws Exception {
        Process run = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main",
                "rehearse", "schemaguard-core/src/test/resources/rehearsal/slow").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path dir = Eventually.until(() -> TestPostgres.runFolderOf(run.pid()), "the run's folder");
            Path pidFile = dir.resolve("data/postmaster.pid");
            long postmaster = Eventually.until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank()
                    ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())) : Optional.empty(), "the server");
            // The keeper and its reader go with SchemaGuard; the server alone is left, as after a kill -9 of all
            // three or a stopped machine.
            ProcessHandle keeper = ProcessHandle.of(postmaster).flatMap(ProcessHandle::parent).orElseThrow();
            List<String> kill = new ArrayList<>(List.of("kill", "-KILL", Long.toString(run.pid()), Long.toString(keeper.pid())));
            keeper.children().filter(p -> p.pid() != postmaster).forEach(p -> kill.add(Long.toString(p.pid())));
            new ProcessBuilder(kill).start().waitFor();
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(RunFolders.running(postmaster)).as("orphaned server").isTrue();
            assertThat(EmbeddedServer.removeAbandonedRuns()).contains(dir);
            assertThat(dir).doesNotExist();
            assertThat(RunFolders.running(postmaster)).isFalse();
        } finally {
            run.destroyForcibly();
        }
    }

    /** The local addresses of the TCP sockets in LISTEN state that process {@code pid} holds. */
    private static List<String> listeningTcpSockets(long pid) throws IOException {
        List<String> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring(8, target.length() - 1));
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.exists(Path.of(table))) {
                continue;
            }
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(f[1]);
                }
            }
        }
        return listening;
    }

    record Run(int exitCode, String output) {
    }

    /** Runs a command as the account nobody. */
    static Run asNobody(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).directory(new java.io.File("/")).start();
        String output = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), output);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean hasNobody() throws IOException {
        return Files.readString(Path.of("/etc/passwd")).contains("\nnobody:") && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
