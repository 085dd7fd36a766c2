package dev.schemaguard.cli;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help, version, exit codes and the messages bad input gets. */
class CommandLineTest {

    @TempDir
    Path dir;

    private static void assertNoStackTrace(Cli.Result r) {
        assertThat(r.err() + r.out()).doesNotContain("Exception").doesNotContainPattern("\\.java:\\d+\\)");
    }

    @Test
    void versionAndHelp() {
        assertThat(Cli.run("--version").out()).matches("schemaguard \\d+\\.\\d+\\.\\d+\\R");
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("check").contains("graph").contains("help");
        Cli.Result graphHelp = Cli.run("help", "graph");
        assertThat(graphHelp.exitCode()).isZero();
        assertThat(graphHelp.out()).contains("--stamp").contains("--format").contains("--fail-on");
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("help", "no-such-command");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingProjectDirectoryIsExitTwoWithAMessage() {
        Cli.Result r = Cli.run("check", "--static", dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("project directory not found");
        assertNoStackTrace(r);
    }

    @Test
    void aDirectoryWithoutMigrationsIsNamedAsTheUserWroteIt() throws Exception {
        // A relative path (tests run from the project root) must not come back as an absolute one.
        Path relative = Path.of("target", "no-migrations-" + System.nanoTime());
        Files.createDirectories(relative.resolve("src"));
        try {
            Cli.Result r = Cli.run("check", "--static", relative.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("error: " + relative + ": no migrations found: looked in alembic/versions");
        } finally {
            Files.delete(relative.resolve("src"));
            Files.delete(relative);
        }
    }

    @Test
    void aFileInsteadOfAProjectDirectoryIsExitTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        Cli.Result r = Cli.run("graph", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a directory");
    }

    @Test
    void unknownOptionsAndFormatsAreUsageErrors() {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;");
        Cli.Result option = Cli.run("graph", dir.toString(), "--no-such-option");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown option: '--no-such-option'").contains("schemaguard help graph");
        Cli.Result format = Cli.run("check", "--static", dir.toString(), "--format", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("Invalid value for option '--format'").contains("but was 'yaml'")
                .contains("schemaguard help check");
        Cli.Result failOn = Cli.run("check", "--static", dir.toString(), "--fail-on", "sometimes");
        assertThat(failOn.exitCode()).isEqualTo(2);
        assertThat(failOn.err()).contains("Invalid value for option '--fail-on'").contains("but was 'sometimes'");
        Cli.Result help = Cli.run("help", "check");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("text, json, sarif, junit, markdown, html, github, gitlab (default: text)")
                .contains("LEVEL: error, warning, info, never (default: error)");
        Cli.Result graphFormat = Cli.run("graph", dir.toString(), "--format", "sarif");
        assertThat(graphFormat.exitCode()).isEqualTo(2);
        assertThat(graphFormat.err()).contains("Invalid value for option '--format'");
    }

    @Test
    void unreadableMigrationsAreExitTwoWithFileAndLine() {
        new ProjectBuilder(dir).file("alembic/versions/001_a.py", "revision = '001'\ndown_revision = None\n")
                .file("alembic/versions/helpers.py", "def util():\n    return 1\n");
        Cli.Result r = Cli.run("check", "--static", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("alembic/versions/helpers.py:1: not an Alembic revision");
        assertNoStackTrace(r);
    }

    @Test
    void binaryAndNonUtf8FilesAreExitTwo() {
        new ProjectBuilder(dir).bytes("migrations/0001_a.sql", new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
        Cli.Result r = Cli.run("check", "--static", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("migrations/0001_a.sql:1: not UTF-8 text");
        assertNoStackTrace(r);
    }

    @Test
    void badConfigurationIsExitTwoWithFileAndLine() {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;")
                .file("schemaguard.yml", "migrations:\n  path: migrations\n  formt: sql\n");
        Cli.Result unknownKey = Cli.run("check", "--static", dir.toString());
        assertThat(unknownKey.exitCode()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("schemaguard.yml:3: unknown key 'formt' in 'migrations'; known keys: allow_empty, format, judge_from, path, transaction");

        new ProjectBuilder(dir).file("schemaguard.yml", "migrations:\n  path: \"unterminated\n");
        Cli.Result badYaml = Cli.run("check", "--static", dir.toString());
        assertThat(badYaml.exitCode()).isEqualTo(2);
        assertThat(badYaml.err()).contains("schemaguard.yml:").contains("not valid YAML");

        new ProjectBuilder(dir).file("schemaguard.yml", "migrations: [a, b]\n");
        assertThat(Cli.run("check", "--static", dir.toString()).err())
                .contains("schemaguard.yml:1: wrong kind of value for 'migrations' (expected a mapping of keys to values)");

        new ProjectBuilder(dir).file("schemaguard.yml", "rules:\n  drop-column: loud\n");
        Cli.Result badSeverity = Cli.run("check", "--static", dir.toString());
        assertThat(badSeverity.err()).contains("schemaguard.yml:2: rules.drop-column: severity 'loud' is not one of");

        new ProjectBuilder(dir).file("schemaguard.yml", "rules:\n  drop-colum: warning\n");
        assertThat(Cli.run("check", "--static", dir.toString()).err()).contains("schemaguard.yml:2: rules: 'drop-colum' is not a rule id");

        new ProjectBuilder(dir).file("schemaguard.yml", "require:\n  rerunnable: maybe\n");
        assertThat(Cli.run("check", "--static", dir.toString()).err())
                .contains("schemaguard.yml:2: 'maybe' is not a valid value for 'require.rerunnable' (expected true or false)");

        new ProjectBuilder(dir).file("schemaguard.yml", "migrations:\n  path: elsewhere\n");
        assertThat(Cli.run("check", "--static", dir.toString()).err()).contains("migrations.path 'elsewhere' is not a directory");
    }

    @Test
    void anExplicitConfigFileThatDoesNotExistIsExitTwo() {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;");
        Cli.Result r = Cli.run("check", "--static", dir.toString(), "--config", dir.resolve("missing.yml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing.yml: configuration file not found");
    }

    @Test
    void outputGoesToTheFileAsked() throws Exception {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;");
        Path report = dir.resolve("out/report.json");
        Cli.Result r = Cli.run("check", "--static", dir.toString(), "--format", "json", "--output", report.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(report)).contains("\"tool\" : \"schemaguard\"");
    }
}
