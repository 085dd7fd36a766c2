package dev.schemaguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each runner's own rules make of file names and versions, as tried on ordinary projects. */
class LayoutEdgesTest {

    @TempDir
    Path dir;

    private ProjectBuilder project() {
        return new ProjectBuilder(dir);
    }

    private Cli.Result graph() {
        return Cli.run("graph", dir.toString(), "--format", "json", "--fail-on", "never");
    }

    private static List<String> ids(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("migrations").forEach(m -> out.add(m.get("id").asText()));
        return out;
    }

    private static List<String> notes(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> rules(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.path("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }

    @Test
    void flywayVersionsSpelledDifferentlyAreOneVersionAsFlywaySays() {
        project().file("src/main/resources/db/migration/V1__a.sql", "SELECT 1;")
                .file("src/main/resources/db/migration/V01__b.sql", "SELECT 1;")
                .file("src/main/resources/db/migration/V1.0__c.sql", "SELECT 1;")
                .file("src/main/resources/db/migration/V2__d.sql", "SELECT 1;");
        JsonNode json = graph().json();
        assertThat(ids(json)).containsExactly("1", "1", "1", "2");
        assertThat(rules(json)).containsExactly("duplicate-revision");
        JsonNode duplicate = json.get("graph").get("duplicates").get(0);
        assertThat(duplicate.get("id").asText()).isEqualTo("1");
        assertThat(duplicate.get("files")).hasSize(3);
    }

    @Test
    void golangMigrateVersionsAreNumbers() {
        project().file("migrations/1_a.up.sql", "SELECT 1;").file("migrations/01_b.up.sql", "SELECT 1;")
                .file("migrations/2_c.up.sql", "SELECT 1;");
        JsonNode json = graph().json();
        assertThat(rules(json)).containsExactly("duplicate-revision");
        assertThat(json.get("graph").get("duplicates").get(0).get("id").asText()).isEqualTo("1");
    }

    @Test
    void golangMigrateReadsWhatGolangMigrateReadsAndSaysWhatItSkips() {
        project().file("migrations/1_a.up.sql", "CREATE TABLE a (id int);")
                .file("migrations/2_b.up.sql", "SELECT 2;")
                .file("migrations/2_b.up.sql.orig", "SELECT 2;")
                .file("migrations/4_e.up.sql~", "SELECT 4;")
                .file("migrations/6.up.sql", "SELECT 6;")
                .file("migrations/3_c.UP.sql", "SELECT 3;");
        Cli.Result r = graph();
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(ids(json)).containsExactly("1", "2", "2", "4");
        assertThat(json.get("graph").get("duplicates").get(0).get("files").toString())
                .contains("migrations/2_b.up.sql").contains("migrations/2_b.up.sql.orig");
        assertThat(notes(json)).anyMatch(note -> note.contains("6.up.sql") && note.contains("3_c.UP.sql"));
    }

    @Test
    void aFlywayBaselineMigrationBesideVersionedOnesIsTheRootOfANewDatabase() {
        project().file("src/main/resources/db/migration/B1_20_0__baseline.sql", "CREATE TABLE t (id int);")
                .file("src/main/resources/db/migration/V1_20_1__more.sql", "ALTER TABLE t ADD COLUMN b int;");
        Cli.Result r = Cli.run("check", "--static", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ids(r.json())).containsExactly("1.20.0", "1.20.1");
    }

    @Test
    void aFlywayVendorFolderIsReadFromTheModuleRoot() {
        project().file("src/main/resources/db/migration/POSTGRESQL/V1__init.sql", "CREATE TABLE t (id int);");
        Cli.Result r = Cli.run("check", "--static", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ids(r.json())).containsExactly("1");
        assertThat(r.json().get("migrations_path").asText()).isEqualTo("src/main/resources/db/migration");
    }

    @Test
    void aFlywayPlaceholderWithoutAValueIsSaidOnceNotReportedAsUnknownSql() {
        project().file("db/migration/V1__a.sql", "CREATE TABLE ${schema}.a (id int);")
                .file("db/migration/V2__b.sql", "CREATE TABLE ${schema}.b (id int);")
                .file("schemaguard.yml", "migrations:\n  path: db/migration\n");
        JsonNode json = Cli.run("check", "--static", dir.toString(), "--format", "json", "--fail-on", "never").json();
        assertThat(notes(json)).filteredOn(note -> note.contains("${schema}")).hasSize(1)
                .allMatch(note -> note.contains("db/migration/V1__a.sql, db/migration/V2__b.sql"));
        assertThat(rules(json)).doesNotContain("syntax-error", "unrecognized-statement");
    }

    @Test
    void prismaMigrationsForAnotherDatabaseAreRefusedWithTheLine() {
        project().file("prisma/migrations/migration_lock.toml", "# Please do not edit\nprovider = \"mysql\"\n")
                .file("prisma/migrations/20230101_init/migration.sql", "CREATE TABLE `a` (`id` INT);");
        Cli.Result r = graph();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("prisma/migrations/migration_lock.toml:2: these Prisma migrations are "
                + "written for mysql, not PostgreSQL");
    }

    @Test
    void prismaFoldersWithoutMigrationSqlAreSaidAndAHistoryOfNoneFails() {
        project().file("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n")
                .file("prisma/migrations/20230101_backfill/migration.ts", "export {};");
        Cli.Result r = graph();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("prisma/migrations: no migration read (format prisma)")
                .contains("1 folder of prisma/migrations without migration.sql (20230101_backfill)");
    }

    @Test
    void aConfiguredEmptyFolderIsNoPass() {
        project().file("db/migrations/.gitkeep", "").file("schemaguard.yml", "migrations:\n  path: db/migrations\n");
        Cli.Result r = Cli.run("check", "--static", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("db/migrations: no migration read").contains("db/migrations is empty")
                .contains("migrations.allow_empty: true");
    }

    @Test
    void aFolderOfAnotherFormatThanConfiguredSaysWhatItLooksLike() {
        project().file("prisma/migrations/20230101_init/migration.sql", "CREATE TABLE a (id int);")
                .file("schemaguard.yml", "migrations:\n  path: prisma/migrations\n  format: sql\n");
        Cli.Result r = Cli.run("check", "--static", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("prisma/migrations holds 1 folder (20230101_init), which looks like prisma "
                + "migrations; set migrations.format: prisma");
    }

    @Test
    void aDieselProjectIsReadFromItsRootNotPassedAsEmpty() {
        project().file("migrations/2019-01-01-000000_init/up.sql", "CREATE TABLE a (id int);")
                .file("migrations/2019-01-01-000000_init/down.sql", "DROP TABLE a;");
        Cli.Result r = Cli.run("check", "--static", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("1 migration (diesel, migrations)");
    }

    @Test
    void theTextReportSaysWhatWasReadEvenWhenQuiet() {
        project().file("prisma/migrations/20230101_init/migration.sql", "CREATE TABLE a (id int);");
        Cli.Result r = Cli.run("check", "--static", dir.toString(), "--quiet");
        assertThat(r.out()).startsWith("1 migration (prisma, prisma/migrations)\n");
    }
}
