package dev.schemaguard.config;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the configuration is found, and what is refused instead of silently ignored. */
class ConfigDiscoveryTest {

    @TempDir
    Path dir;

    /** A repository holding a project whose one migration drops a column: a warning unless configured otherwise. */
    private ProjectBuilder repository() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        return new ProjectBuilder(dir)
                .file("migrations/0001_t.sql", "CREATE TABLE IF NOT EXISTS t (a int, b int);\n")
                .file("migrations/0002_drop.sql", "SET lock_timeout = '2s';\nALTER TABLE t DROP COLUMN IF EXISTS b;\n")
                .file("src/app.ts", "export {};\n");
    }

    private Cli.Result check(Path target, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "check";
        args[1] = "--static";
        args[2] = target.toString();
        args[3] = "--quiet";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    @Test
    void aConfigurationInAParentFolderAppliesWhenRunFromASubfolder() throws IOException {
        repository().file("schemaguard.yml", "rules:\n  drop-column: error\n");
        Cli.Result r = check(dir.resolve("src"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("error   drop-column  migrations/0002_drop.sql:2")
                .contains("note: settings from ../schemaguard.yml, the nearest configuration above");
    }

    @Test
    void theSearchStopsAtTheRepositoryRoot() throws IOException {
        new ProjectBuilder(dir).file("schemaguard.yml", "rules:\n  drop-column: error\n");
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve(".git"));
        new ProjectBuilder(project).file("migrations/0001_t.sql", "CREATE TABLE IF NOT EXISTS t (a int, b int);\n")
                .file("migrations/0002_drop.sql", "SET lock_timeout = '2s';\nALTER TABLE t DROP COLUMN IF EXISTS b;\n");
        Cli.Result r = check(project);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("warning drop-column");
    }

    @Test
    void theYamlAndDotfileNamesAreRead() throws IOException {
        repository().file(".schemaguard.yml", "rules:\n  drop-column: error\n");
        Cli.Result dotfile = check(dir);
        assertThat(dotfile.exitCode()).isEqualTo(1);
        assertThat(dotfile.out()).contains("note: settings from .schemaguard.yml");
        Files.delete(dir.resolve(".schemaguard.yml"));
        new ProjectBuilder(dir).file("schemaguard.yaml", "rules:\n  drop-column: error\n");
        assertThat(check(dir).exitCode()).isEqualTo(1);
    }

    @Test
    void twoConfigurationFilesInOneFolderAreAnError() throws IOException {
        repository().file("schemaguard.yml", "rules:\n  drop-column: error\n")
                .file(".schemaguard.yaml", "rules:\n  drop-column: off\n");
        Cli.Result r = check(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".schemaguard.yaml: a second configuration file beside schemaguard.yml");
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingBothLines() throws IOException {
        repository().file("schemaguard.yml", "rules:\n  drop-column: error\n  fork: info\n  drop-column: off\n");
        Cli.Result r = check(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("schemaguard.yml:4: duplicate key 'drop-column' (first at line 2)");
    }

    @Test
    void configGivenAFolderSaysItIsAFolderAndWhichFileItExpected() throws IOException {
        repository().file("config/schemaguard.yml", "rules:\n  drop-column: error\n");
        Cli.Result r = check(dir, "--config", dir.resolve("config").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("config: is a folder; --config takes the configuration file itself: "
                + dir.resolve("config/schemaguard.yml"));
        Cli.Result empty = check(dir, "--config", dir.resolve("src").toString());
        assertThat(empty.err()).contains("such as " + dir.resolve("src/schemaguard.yml") + " (there is none in this folder)");
    }

    @Test
    void aMigrationsPathLeavingTheRepositoryIsRefusedWithItsLine() throws IOException {
        repository().file("schemaguard.yml", "# the history\nmigrations:\n  path: ../../../../etc\n");
        Cli.Result r = check(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("schemaguard.yml:3: migrations.path '../../../../etc' leads outside the "
                + "repository this configuration is in");
    }

    @Test
    void aMigrationsPathInASiblingFolderOfTheRepositoryIsRead() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        new ProjectBuilder(dir).file("shared/migrations/0001_t.sql", "CREATE TABLE IF NOT EXISTS t (a int);\n")
                .file("service/schemaguard.yml", "migrations:\n  path: ../shared/migrations\n");
        Cli.Result r = check(dir.resolve("service"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("1 migration (sql, ../shared/migrations)");
    }
}
