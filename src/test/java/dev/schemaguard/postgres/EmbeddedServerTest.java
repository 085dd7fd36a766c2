package dev.schemaguard.postgres;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
                "src/test/resources/rehearsal/lock-held-through-backfill", "--format", "json").redirectErrorStream(true);
        builder.environment().put("SCHEMAGUARD_EMBEDDED_USER", "nobody");
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(output).isZero();
        assertThat(output).contains("\"outcome\" : \"applied\"");
    }
}
