package dev.schemaguard.source;

import dev.schemaguard.config.Config;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations spread over the locations a Flyway configuration names, read as Flyway reads them: one history. */
class FlywayLocationsTest {

    @TempDir
    Path dir;

    private MigrationSet load() {
        return new MigrationSource().load(dir, new Config.Migrations(null, "auto"));
    }

    /** Each migration as "file id <- parent". */
    private static List<String> chain(MigrationSet set) {
        return set.migrations().stream()
                .map(m -> m.displayFile() + " " + m.id() + (m.parents().isEmpty() ? "" : " <- " + m.parents().get(0)))
                .toList();
    }

    @Test
    void flywayConfLocationsAreOneHistory() {
        new ProjectBuilder(dir)
                .file("flyway.conf", "flyway.url=jdbc:postgresql://localhost/app\n"
                        + "flyway.locations=filesystem:db/core, filesystem:db/reports,filesystem:db/not-there\n")
                .file("db/core/V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .file("db/reports/V2__report_view.sql", "CREATE VIEW report AS SELECT id FROM accounts;")
                .file("db/core/V3__accounts_name.sql", "ALTER TABLE accounts ADD COLUMN name text;");

        MigrationSet set = load();

        assertThat(set.format()).isEqualTo(MigrationFormat.FLYWAY);
        assertThat(chain(set)).containsExactly("db/core/V1__accounts.sql 1", "db/reports/V2__report_view.sql 2 <- 1",
                "db/core/V3__accounts_name.sql 3 <- 2");
        Cli.Result graph = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(graph.exitCode()).as(graph.err()).isZero();
        assertThat(graph.json().get("migrations")).hasSize(3);
    }

    @Test
    void springBootClasspathLocationsWithTheVendorPlaceholder() {
        new ProjectBuilder(dir)
                .file("src/main/resources/application.properties",
                        "spring.flyway.locations=classpath:db/migration,classpath:db/{vendor}\n")
                .file("src/main/resources/db/migration/V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .file("src/main/resources/db/postgresql/V2__accounts_jsonb.sql",
                        "ALTER TABLE accounts ADD COLUMN settings jsonb;");

        assertThat(chain(load())).containsExactly("src/main/resources/db/migration/V1__accounts.sql 1",
                "src/main/resources/db/postgresql/V2__accounts_jsonb.sql 2 <- 1");
    }

    @Test
    void springBootYamlAndFlywayToml() {
        new ProjectBuilder(dir)
                .file("src/main/resources/application.yml", """
                        spring:
                          flyway:
                            locations:
                              - classpath:db/base
                              - filesystem:extra
                        """)
                .file("src/main/resources/db/base/V1__a.sql", "CREATE TABLE a (id int);")
                .file("extra/V2__b.sql", "CREATE TABLE b (id int);");
        assertThat(chain(load())).containsExactly("src/main/resources/db/base/V1__a.sql 1", "extra/V2__b.sql 2 <- 1");

        Path other = dir.resolve("toml");
        new ProjectBuilder(other)
                .file("flyway.toml", """
                        [environments.default]
                        url = "jdbc:postgresql://localhost/app"

                        [flyway]
                        locations = ["filesystem:sql/one", "filesystem:sql/two"]
                        """)
                .file("sql/one/V1__a.sql", "CREATE TABLE a (id int);")
                .file("sql/two/V2__b.sql", "CREATE TABLE b (id int);");
        MigrationSet set = new MigrationSource().load(other, new Config.Migrations(null, "auto"));
        assertThat(chain(set)).containsExactly("sql/one/V1__a.sql 1", "sql/two/V2__b.sql 2 <- 1");
    }

    @Test
    void withoutAnExistingConfiguredLocationTheConventionalFoldersApply() {
        new ProjectBuilder(dir)
                .file("flyway.conf", "flyway.locations=filesystem:nowhere\n")
                .file("src/main/resources/db/migration/V1__accounts.sql", "CREATE TABLE accounts (id int);");

        assertThat(chain(load())).containsExactly("src/main/resources/db/migration/V1__accounts.sql 1");
    }
}
