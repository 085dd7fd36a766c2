package dev.schemaguard.cli;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code init}: what it writes, and what it will not overwrite. */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesWhatItFoundAndTheFirstCommandAndTheConfigurationReadsBack() throws IOException {
        new ProjectBuilder(dir).file("migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE IF NOT EXISTS a (id int);\n")
                .file("migrations/notes.txt", "not a migration\n");
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Wrote " + dir.resolve("schemaguard.yml") + ": 1 migration (goose, migrations).\n"
                + "Next: schemaguard check " + dir + "\n");
        String yaml = Files.readString(dir.resolve("schemaguard.yml"));
        assertThat(yaml).contains("  # found: 1 migration (goose, migrations)\n  path: migrations\n  format: goose\n")
                .contains("  # goose runs each migration in a transaction unless it says -- +goose NO TRANSACTION.\n"
                        + "  # auto follows the runner; per-file or none only if your deploy runs the migrations "
                        + "otherwise.\n  transaction: auto\n")
                .contains("# consumers:\n#   - name: billing-service\n");
        assertThat(Cli.run("check", "--static", dir.toString()).exitCode()).isZero();
    }

    @Test
    void leavesThePathToTheRunnersOwnConfiguration() throws IOException {
        new ProjectBuilder(dir).file("alembic.ini", "[alembic]\nscript_location = db\n")
                .file("db/env.py", "").alembic("a", "None");
        Files.createDirectories(dir.resolve("db/versions"));
        Files.move(dir.resolve("alembic/versions/a_step.py"), dir.resolve("db/versions/a_step.py"));
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("schemaguard.yml")))
                .contains("# path is left out: alembic.ini says where the migrations are").doesNotContain("\n  path:");
    }

    @Test
    void anExistingConfigurationIsKeptUnlessForced() throws IOException {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id int);\n")
                .file(".schemaguard.yml", "rules:\n  fork: off\n");
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".schemaguard.yml: a configuration already exists");
        assertThat(Cli.run("init", dir.toString(), "--force").exitCode()).isZero();
        assertThat(dir.resolve(".schemaguard.yml")).doesNotExist();
        assertThat(Files.readString(dir.resolve("schemaguard.yml"))).contains("format: sql");
    }

    @Test
    void withoutMigrationsItWritesNothingAndSaysWhatItSaw() {
        new ProjectBuilder(dir).file("src/app.ts", "export {};\n");
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no migrations found");
        assertThat(dir.resolve("schemaguard.yml")).doesNotExist();
    }
}
