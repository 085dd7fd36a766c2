package dev.schemaguard.distribution;

import dev.schemaguard.report.Version;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.Distribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution as a user installs it: unpacked into a folder of its own, run through a link on a PATH that has
 * neither java nor mvn, from another working directory. What it prints is what the classes under test print.
 */
class DistributionIT {

    @TempDir
    static Path dir;

    private static Distribution distribution;

    @BeforeAll
    static void unpack() {
        distribution = Distribution.unpack(dir);
    }

    /** What a program printed on each stream, and how it ended. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s ended", List.of(command)).isTrue();
        return new Run(process.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    private static Run schemaguard(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(distribution.launcher()));
        command.addAll(List.of(args));
        return run(Path.of("").toAbsolutePath(), distribution.environment(), command.toArray(String[]::new));
    }

    @Test
    void thePathHasNeitherJavaNorMaven() throws Exception {
        Run which = run(dir, Map.of("PATH", distribution.path()), "sh", "-c",
                "command -v java || command -v mvn || echo neither");
        assertThat(which.out().strip()).isEqualTo("neither");
    }

    @Test
    void itPrintsItsVersion() throws Exception {
        Run version = schemaguard("--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("schemaguard " + Version.get() + "\n");
    }

    @Test
    void aOneFileLintPrintsWhatTheClassesUnderTestPrint() throws Exception {
        String file = "examples/sql-expand-contract/db/migrations/0004_contract_drop_outlet.sql";
        Run lint = schemaguard("lint", file, "--color", "never");
        Cli.Result expected = Cli.run("lint", file, "--color", "never");
        assertThat(lint.exitCode()).as(lint.err()).isEqualTo(expected.exitCode());
        assertThat(lint.out()).isEqualTo(expected.out()).contains("drop-column");
    }

    @Test
    void aStaticCheckOfAnAlembicProjectInJsonIsTheSame() throws Exception {
        Run check = schemaguard("check", "examples/alembic-fork", "--static", "--format", "json");
        Cli.Result expected = Cli.run("check", "examples/alembic-fork", "--static", "--format", "json");
        assertThat(check.exitCode()).as(check.err()).isEqualTo(expected.exitCode()).isEqualTo(1);
        assertThat(check.out()).isEqualTo(expected.out());
    }

    @Test
    void itRehearsesOnTheEmbeddedServerWithTheModulesItCarries() throws Exception {
        Path project = dir.resolve("project/db/migrations");
        Files.createDirectories(project);
        Files.writeString(project.resolve("0001_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(project.resolve("0002_users_name.sql"), "ALTER TABLE users ADD COLUMN name text;\n");
        Run rehearse = run(dir.resolve("project"), distribution.environment(), distribution.launcher(), "rehearse",
                "--color", "never");
        assertThat(rehearse.exitCode()).as(rehearse.out() + rehearse.err()).isZero();
        assertThat(rehearse.out()).contains("Rehearsal on embedded PostgreSQL").contains("2 applied");
    }
}
