package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lint} on files and projects, its formats, and {@code explain}. */
class LintCommandTest {

    @TempDir
    Path dir;

    private static List<String> rules(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("findings").forEach(f -> out.add(f.get("rule").asText() + ":" + f.get("severity").asText()
                + ":" + f.get("file").asText() + ":" + f.get("line").asInt()));
        return out;
    }

    @Test
    void aMissingDownIsAFactOfTheFilesReportedWithoutAServerAndOnceWithOne() {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "require:\n  down_migrations: true\n")
                .file("db/migrations/0001_create_invoices.sql", "CREATE TABLE invoices (id int PRIMARY KEY);\n")
                .file("db/migrations/0001_create_invoices.down.sql", "DROP TABLE invoices;\n")
                .file("db/migrations/0002_notes.sql", "ALTER TABLE invoices ADD COLUMN notes text;\n")
                .file("db/migrations/0003_fails.sql", "ALTER TABLE missing ADD COLUMN tags text;\n")
                .file("db/migrations/0003_fails.down.sql", "ALTER TABLE missing DROP COLUMN tags;\n")
                .file("db/migrations/0004_tags.sql", "ALTER TABLE invoices ADD COLUMN tags text;\n");
        List<String> expected = List.of("down-missing:error:db/migrations/0002_notes.sql:1",
                "down-missing:error:db/migrations/0004_tags.sql:1");
        for (String[] command : List.of(new String[] {"lint"}, new String[] {"check", "--static"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of(dir.toString(), "--format", "json"));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(rules(r.json())).as(String.join(" ", command)).filteredOn(s -> s.startsWith("down-missing"))
                    .containsExactlyElementsOf(expected);
        }
        // The rehearsal reports 0002 (naming what its down must undo) and stops at 0003: 0004, which it does not
        // reach, keeps its static finding. Each is reported once.
        Cli.Result check = Cli.run("check", dir.toString(), "--format", "json");
        assertThat(rules(check.json())).filteredOn(s -> s.startsWith("down-missing"))
                .containsExactlyElementsOf(expected);
        assertThat(check.json().toString()).contains("it has to undo column invoices.notes added");
        assertThat(rules(check.json())).anyMatch(s -> s.startsWith("migration-failed:error:db/migrations/0003"));
    }

    @Test
    void lintsSingleFilesAsOneHistoryInTheOrderGiven() {
        ProjectBuilder files = new ProjectBuilder(dir)
                .file("a.sql", "-- first\nCREATE TYPE mood AS ENUM ('a', 'b');\n")
                .file("b.sql", "\n\nCREATE TYPE mood AS ENUM ('a', 'b');\n");
        Cli.Result r = Cli.run("lint", files.root().resolve("a.sql").toString(), files.root().resolve("b.sql").toString(),
                "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(rules(r.json())).anyMatch(s -> s.startsWith("unguarded-create-type:info:") && s.endsWith("a.sql:2"))
                .anyMatch(s -> s.startsWith("unguarded-create-type:error:") && s.endsWith("b.sql:3"));
    }

    @Test
    void filesOfTheSameNameAreIdentifiedByTheirPathsSoNoneIsDropped() {
        ProjectBuilder files = new ProjectBuilder(dir)
                .file("migrations/2019-01-01-000000_a/up.sql", "CREATE TYPE mood AS ENUM ('a');\n")
                .file("migrations/2019-01-02-000000_b/up.sql", "CREATE TYPE mood AS ENUM ('a');\n");
        Cli.Result r = Cli.run("lint", files.root().resolve("migrations/2019-01-01-000000_a/up.sql").toString(),
                files.root().resolve("migrations/2019-01-02-000000_b/up.sql").toString(), "--format", "json");
        JsonNode json = r.json();
        assertThat(json.get("migrations")).hasSize(2);
        assertThat(json.get("summary").get("migrations").asInt()).isEqualTo(2);
        // the second file is linted: the type it creates again is the error
        assertThat(rules(json)).anyMatch(s -> s.startsWith("unguarded-create-type:error:")
                && s.endsWith("migrations/2019-01-02-000000_b/up.sql:1"));
    }

    @Test
    void aFileGivenTwiceIsADuplicateFindingNotASilentDrop() {
        new ProjectBuilder(dir).file("a/up.sql", "SELECT 1;\n");
        String file = dir.resolve("a/up.sql").toString();
        Cli.Result r = Cli.run("lint", file, file, "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(rules(r.json())).anyMatch(s -> s.startsWith("duplicate-revision:error:"));
    }

    @Test
    void lintOfAProjectReportsNoGraphFindings() {
        new ProjectBuilder(dir).alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'");
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).isZero();
        assertThat(rules(r.json())).noneMatch(s -> s.startsWith("multiple-heads") || s.startsWith("fork"));
    }

    @Test
    void theRunnersTransactionSemanticsCanBeDeclared() {
        new ProjectBuilder(dir).file("db/migrations/0001_players.sql", "CREATE TABLE IF NOT EXISTS players (id int, email text);\n")
                .file("db/migrations/0002_index.sql",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS players_email_idx ON players (email);\n");
        Cli.Result byDefault = Cli.run("lint", dir.toString(), "--format", "json");
        assertThat(byDefault.exitCode()).isEqualTo(1);
        assertThat(rules(byDefault.json())).anyMatch(s -> s.startsWith("concurrent-in-transaction:error:"));
        assertThat(byDefault.json().get("findings").get(0).get("message").asText())
                .contains("migrations.transaction: none");

        new ProjectBuilder(dir).file("schemaguard.yml", "migrations:\n  transaction: none\n");
        Cli.Result psql = Cli.run("lint", dir.toString(), "--format", "json");
        assertThat(psql.exitCode()).isZero();
        assertThat(rules(psql.json())).noneMatch(s -> s.startsWith("concurrent-in-transaction"));

        new ProjectBuilder(dir).file("schemaguard.yml", "migrations:\n  transaction: sometimes\n");
        Cli.Result bad = Cli.run("lint", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("schemaguard.yml:2: migrations.transaction 'sometimes' is not one of auto, per-file, none");
    }

    @Test
    void anIndexCreatedByAnEarlierMigrationIsKnownByItsTable() {
        new ProjectBuilder(dir)
                .file("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS players (id int, email text);\n"
                        + "CREATE INDEX IF NOT EXISTS players_email_idx ON players (email);\n")
                .file("migrations/0002_b.sql", "SET lock_timeout = '5s';\nDROP INDEX IF EXISTS players_email_idx;\n");
        JsonNode json = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never").json();
        assertThat(rules(json)).containsExactly("drop-index-not-concurrent:warning:migrations/0002_b.sql:2");
        assertThat(json.get("findings").get(0).get("message").asText())
                .contains("takes an ACCESS EXCLUSIVE lock on players, not only on the index");
    }

    @Test
    void dbmateMigrationsMarkedTransactionFalseRunOutsideATransaction() {
        new ProjectBuilder(dir)
                .file("db/migrations/20240101000000_players.sql",
                        "-- migrate:up\nCREATE TABLE IF NOT EXISTS players (id int, email text);\n")
                .file("db/migrations/20240102000000_index.sql", "-- migrate:up transaction:false\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS players_email_idx ON players (email);\n"
                        + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS players_email_idx;\n")
                .file("db/migrations/20240103000000_index2.sql", "-- migrate:up\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS players_id_idx ON players (id);\n");
        JsonNode json = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never").json();
        assertThat(rules(json)).filteredOn(s -> s.startsWith("concurrent-in-transaction"))
                .containsExactly("concurrent-in-transaction:error:db/migrations/20240103000000_index2.sql:2");
    }

    @Test
    void aFileThatIsNotSqlIsExitTwo() {
        new ProjectBuilder(dir).file("notes.txt", "hello");
        Cli.Result r = Cli.run("lint", dir.resolve("notes.txt").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not an .sql file");
        Cli.Result missing = Cli.run("lint", dir.resolve("missing.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found");
    }

    /** SQL the server cannot even lex is no PostgreSQL: a syntax error at its line and column, with the others. */
    @Test
    void anUnterminatedStringIsASyntaxErrorWithLineAndColumn() {
        new ProjectBuilder(dir).file("bad.sql", "SELECT 1;\nSELECT 'oops;\n").file("good.sql", "DROP TABLE players;\n");
        Cli.Result r = Cli.run("lint", dir.resolve("bad.sql").toString(), dir.resolve("good.sql").toString(),
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.findings("syntax-error")).singleElement().satisfies(f -> {
            assertThat(f.get("line").asInt()).isEqualTo(2);
            assertThat(f.get("message").asText()).contains("unterminated quoted string starting at line 2, column 8");
        });
        assertThat(r.findings("drop-table")).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void sarifCarriesRulesResultsAndLocations() {
        new ProjectBuilder(dir).file("one.sql", "CREATE TYPE mood AS ENUM ('a', 'b');\n");
        Cli.Result r = Cli.run("lint", dir.resolve("one.sql").toString(), "--format", "sarif", "--fail-on", "never");
        assertThat(r.exitCode()).isZero();
        JsonNode sarif = r.json();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("SchemaGuard");
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("unguarded-create-type");
        assertThat(result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(1);
    }

    @Test
    void junitIsXml() {
        new ProjectBuilder(dir).file("one.sql", "CREATE TYPE mood AS ENUM ('a', 'b');\n");
        Cli.Result r = Cli.run("lint", dir.resolve("one.sql").toString(), "--format", "junit", "--fail-on", "never");
        assertThat(r.out()).startsWith("<?xml").contains("<testsuites").contains("unguarded-create-type");
    }

    @Test
    void explainPrintsTheRuleDocumentation() {
        Cli.Result r = Cli.run("explain", "drop-column");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("# drop-column").contains("## What").contains("## Why")
                .contains("## How to fix").contains("## Example");
        Cli.Result list = Cli.run("explain");
        assertThat(list.out()).contains("unguarded-create-type").contains("missing-lock-timeout");
        Cli.Result unknown = Cli.run("explain", "drop-colum");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'drop-colum' is not a rule id; did you mean drop-column");
    }
}
