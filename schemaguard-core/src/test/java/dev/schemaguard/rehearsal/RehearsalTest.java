package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal through the command line, on the embedded PostgreSQL: what it does besides its rules' findings (which
 * each rule's fixture pins, see {@code RuleFixturesTest}).
 */
class RehearsalTest {

    private static final String FIXTURES = "schemaguard-core/src/test/resources/rehearsal/";

    static JsonNode rehearse(String project, int expectedExit) {
        Cli.Result r = Cli.run("rehearse", project, "--format", "json");
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(expectedExit);
        return r.json();
    }

    static List<JsonNode> findings(JsonNode report, String rule) {
        return new Cli.Result(0, report.toString(), "").findings(rule);
    }


    @Test
    void typeCreatedTwiceFailsAtTheMigrationThatCreatesItAgainWithTheServersMessage() {
        JsonNode report = rehearse(FIXTURES + "migration-failed", 1);
        List<JsonNode> failed = findings(report, "migration-failed");
        assertThat(failed).hasSize(1);
        JsonNode f = failed.get(0);
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("migration").asText()).isEqualTo("0003");
        assertThat(f.get("file").asText()).isEqualTo("db/migrations/0003_add_team_division.sql");
        assertThat(f.get("line").asInt()).isEqualTo(2);
        assertThat(f.get("message").asText())
                .contains("ERROR 42710: type \"division\" already exists")
                .contains("division was created by migration 0001")
                .contains("1 later migration could not be rehearsed: 0004");
        assertThat(f.get("evidence").get(0).get("file").asText()).isEqualTo("db/migrations/0001_create_division.sql");
        JsonNode runs = report.get("rehearsal").get("migrations");
        assertThat(runs.get(2).get("outcome").asText()).isEqualTo("failed");
        assertThat(runs.get(3).get("outcome").asText()).isEqualTo("not reached");
    }

    @Test
    void aDroppedTableWithDataIsDataLossEvenWhenTheDownRecreatesIt() {
        JsonNode report = rehearse(FIXTURES + "data-loss", 1);
        List<JsonNode> lost = findings(report, "data-loss");
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).get("migration").asText()).isEqualTo("0002");
        assertThat(lost.get(0).get("message").asText()).contains("players").contains("20");
        assertThat(findings(report, "down-not-inverse")).isEmpty();
    }

    @Test
    void theExpandContractExamplePassesAFullRoundTrip() {
        JsonNode report = rehearse("examples/sql-expand-contract", 0);
        for (String rule : List.of("migration-failed", "down-failed", "down-not-inverse", "data-loss", "down-missing")) {
            assertThat(findings(report, rule)).as(rule).isEmpty();
        }
        JsonNode runs = report.get("rehearsal").get("migrations");
        assertThat(runs).hasSize(8);
        runs.forEach(run -> assertThat(run.get("outcome").asText()).isEqualTo("applied"));
        assertThat(report.get("rehearsal").get("server").asText()).startsWith("embedded PostgreSQL");
        assertThat(runs.get(4).get("changes").toString()).contains("publications.outlet");
        // Seed 004's phases, as the database saw them: the backfill is known from the data, not the text.
        List<String> phases = new ArrayList<>();
        runs.forEach(run -> phases.add(run.get("phases").toString()));
        assertThat(phases).containsExactly("[\"expand\"]", "[\"expand\"]", "[\"backfill\"]", "[\"constrain\"]",
                "[\"contract\"]", "[\"expand\"]", "[\"expand\"]", "[\"expand\"]");
        // Locks held only through catalog changes are info; the two held through slow work are suppressed, with reasons.
        List<JsonNode> locks = findings(report, "exclusive-lock");
        assertThat(locks).isNotEmpty().allSatisfy(lock -> assertThat(lock.get("severity").asText()).isEqualTo("info"));
        assertThat(locks).noneMatch(lock -> lock.get("file").asText().contains("0001_") || lock.get("file").asText()
                .contains("0003_"));
    }

    @Test
    void checkRunsTheRehearsalUnlessStatic() {
        Cli.Result full = Cli.run("check", FIXTURES + "migration-failed", "--format", "json");
        assertThat(full.exitCode()).isEqualTo(1);
        assertThat(findings(full.json(), "migration-failed")).hasSize(1);
        Cli.Result quick = Cli.run("check", FIXTURES + "migration-failed", "--static", "--format", "json");
        assertThat(findings(quick.json(), "migration-failed")).isEmpty();
        assertThat(quick.json().has("rehearsal")).isFalse();
    }

    @Test
    void textReportEndsWithTheTimePerMigration() {
        Cli.Result r = Cli.run("rehearse", FIXTURES + "lock-held-through-backfill");
        assertThat(r.out()).contains("Rehearsal on embedded PostgreSQL").contains("2 applied")
                .contains("time per migration").contains("0002");
    }

    @Test
    void aBaselineNeedsItsRevisionAndAnUnknownRevisionIsNamed() {
        String project = FIXTURES + "lock-held-through-backfill";
        Cli.Result noFrom = Cli.run("rehearse", project, "--baseline", project + "/schema.sql");
        assertThat(noFrom.exitCode()).isEqualTo(2);
        assertThat(noFrom.err()).contains("--baseline needs --from");
        Cli.Result unknown = Cli.run("rehearse", project, "--baseline", project + "/schema.sql", "--from", "0009");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'0009' is no revision of this project");
    }

    @Test
    void fromABaselineTheLocksOnItsTablesAreTraced() {
        String project = FIXTURES + "lock-held-through-backfill";
        Cli.Result r = Cli.run("rehearse", project, "--baseline", project + "/schema.sql", "--from", "0001",
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("rehearsal").get("migrations")).hasSize(1);
        assertThat(findings(r.json(), "exclusive-lock")).hasSize(1);
    }

    @Test
    void aTableTheRehearsalCannotFillIsSaidSoInsteadOfImplyingItsDataIsSafe() {
        JsonNode report = rehearse(FIXTURES + "unfillable", 0);
        JsonNode second = report.get("rehearsal").get("migrations").get(1);
        assertThat(second.get("outcome").asText()).isEqualTo("applied");
        assertThat(second.get("note").asText()).contains("not filled").contains("stock");
    }

    @Test
    void anUpThatFailsOnlyOnTheGeneratedRowsIsAWarningAndTheRehearsalGoesOnWithoutThem(@TempDir Path dir) {
        // Outside a transaction the failed up leaves its first statement done: the retry starts from a copy before it.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_create_players.sql", "-- +goose Up\n"
                        + "CREATE TABLE players (id bigint PRIMARY KEY, shirt text);\n-- +goose Down\nDROP TABLE players;\n")
                .file("db/migrations/0002_shirt_digits.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n"
                        + "ALTER TABLE players ADD COLUMN number int;\n"
                        + "ALTER TABLE players ADD CONSTRAINT shirt_digits CHECK (shirt ~ '^[0-9]+$');\n"
                        + "-- +goose Down\nALTER TABLE players DROP CONSTRAINT shirt_digits;\n"
                        + "ALTER TABLE players DROP COLUMN number;\n")
                .file("db/migrations/0003_add_nickname.sql", "-- +goose Up\nALTER TABLE players ADD COLUMN nickname text;\n");
        JsonNode report = rehearse(dir.toString(), 0);
        assertThat(findings(report, "migration-failed")).isEmpty();
        List<JsonNode> dataDependent = findings(report, "data-dependent-failure");
        assertThat(dataDependent).hasSize(1);
        assertThat(dataDependent.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(dataDependent.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(dataDependent.get(0).get("message").asText())
                .contains("fails on data like players.shirt = 'shirt-")
                .contains("ADD CONSTRAINT shirt_digits").contains("ERROR 23514");
        JsonNode runs = report.get("rehearsal").get("migrations");
        assertThat(runs.get(1).get("outcome").asText()).isEqualTo("applied");
        assertThat(runs.get(1).get("note").asText()).startsWith("applied without the generated rows of players");
        assertThat(runs.get(1).get("changes").toString()).contains("players.number").contains("shirt_digits");
        assertThat(runs.get(2).get("outcome").asText()).isEqualTo("applied");
    }

    @Test
    void rowsGeneratedBeforeALaterCastOrCheckMeetIt(@TempDir Path dir) {
        // The examples of issue 12: each failed on the generated text before the rehearsal read ahead.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_t.sql", "CREATE TABLE t (id int PRIMARY KEY, props varchar(2000), status text,"
                        + " n text, born text, ref varchar(40), score text, feeling text);\n")
                .file("db/migrations/0001_t.down.sql", "DROP TABLE t;\n")
                .file("db/migrations/0002_json.sql", "ALTER TABLE t ALTER COLUMN props TYPE jsonb USING props::jsonb;\n")
                .file("db/migrations/0002_json.down.sql", "ALTER TABLE t ALTER COLUMN props TYPE varchar(2000);\n")
                .file("db/migrations/0003_status.sql",
                        "ALTER TABLE t ADD CONSTRAINT t_status CHECK (status IN ('active', 'closed'));\n")
                .file("db/migrations/0003_status.down.sql", "ALTER TABLE t DROP CONSTRAINT t_status;\n")
                .file("db/migrations/0004_n.sql", "ALTER TABLE t ALTER COLUMN n TYPE integer USING n::integer;\n")
                .file("db/migrations/0004_n.down.sql", "ALTER TABLE t ALTER COLUMN n TYPE text;\n")
                .file("db/migrations/0005_types.sql", "ALTER TABLE t ALTER COLUMN born TYPE date USING born::date,"
                        + " ALTER COLUMN ref TYPE uuid USING CAST(ref AS uuid);\n")
                .file("db/migrations/0005_types.down.sql",
                        "ALTER TABLE t ALTER COLUMN born TYPE text, ALTER COLUMN ref TYPE varchar(40);\n")
                .file("db/migrations/0006_score.sql", "ALTER TABLE t ADD COLUMN score_value bigint;\n")
                .file("db/migrations/0006_score.down.sql", "ALTER TABLE t DROP COLUMN score_value;\n")
                .file("db/migrations/0007_backfill.sql", "UPDATE t SET score_value = t.score::bigint;\n")
                .file("db/migrations/0007_backfill.down.sql", "UPDATE t SET score_value = NULL;\n")
                .file("db/migrations/0008_mood.sql", "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
                        + "ALTER TABLE t ALTER COLUMN feeling TYPE mood USING feeling::mood;\n")
                .file("db/migrations/0008_mood.down.sql", "ALTER TABLE t ALTER COLUMN feeling TYPE text;\n"
                        + "DROP TYPE mood;\n");
        JsonNode report = rehearse(dir.toString(), 0);
        assertThat(findings(report, "data-dependent-failure")).isEmpty();
        assertThat(findings(report, "migration-failed")).isEmpty();
        report.get("rehearsal").get("migrations").forEach(run -> {
            assertThat(run.get("outcome").asText()).isEqualTo("applied");
            assertThat(run.path("note").asText()).doesNotContain("without the generated rows");
        });
        // The rows were there: the backfill wrote the cast values.
        assertThat(report.get("rehearsal").get("migrations").get(6).get("phases").toString()).contains("backfill");
    }

    @Test
    void rowsGeneratedBeforeALaterForeignKeyReferenceRowsOfItsParent(@TempDir Path dir) {
        // As crates.io's history does: orphans are deleted, then the foreign key is added. Generated badges that
        // referenced no crate made the DELETE look like data loss, and the foreign key fail on generated rows.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_crates.sql", "CREATE TABLE crates (id serial PRIMARY KEY, name text);\n"
                        + "CREATE TABLE badges (crate_id int NOT NULL, kind text);\n"
                        + "CREATE TABLE owners (crate_id int, login text);\n")
                .file("db/migrations/0001_crates.down.sql", "DROP TABLE owners;\nDROP TABLE badges;\nDROP TABLE crates;\n")
                .file("db/migrations/0002_badge_fk.sql",
                        "DELETE FROM badges WHERE crate_id NOT IN (SELECT id FROM crates);\n"
                                + "ALTER TABLE badges ADD CONSTRAINT fk_badges_crate FOREIGN KEY (crate_id) "
                                + "REFERENCES crates (id);\n")
                .file("db/migrations/0002_badge_fk.down.sql", "ALTER TABLE badges DROP CONSTRAINT fk_badges_crate;\n")
                .file("db/migrations/0003_owner_fk.sql",
                        "ALTER TABLE owners ADD FOREIGN KEY (\"crate_id\") REFERENCES public.crates;\n")
                .file("db/migrations/0003_owner_fk.down.sql", "ALTER TABLE owners DROP CONSTRAINT owners_crate_id_fkey;\n");
        JsonNode report = rehearse(dir.toString(), 0);
        assertThat(findings(report, "data-loss")).isEmpty();
        assertThat(findings(report, "data-dependent-failure")).isEmpty();
        report.get("rehearsal").get("migrations").forEach(run -> {
            assertThat(run.get("outcome").asText()).isEqualTo("applied");
            assertThat(run.path("note").asText()).doesNotContain("without the generated rows");
        });
    }

    @Test
    void anUpThatFailsWithoutTheGeneratedRowsTooIsMigrationFailed(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("db/migrations/0001_create_positions.sql", "CREATE TABLE positions (id int PRIMARY KEY, name text);\n")
                .file("db/migrations/0001_create_positions.down.sql", "DROP TABLE positions;\n")
                .file("db/migrations/0002_seed_positions.sql",
                        "INSERT INTO positions (id, name) VALUES (1, 'guard'), (1, 'center');\n")
                .file("db/migrations/0002_seed_positions.down.sql", "DELETE FROM positions;\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "data-dependent-failure")).isEmpty();
        List<JsonNode> failed = findings(report, "migration-failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("message").asText()).contains("ERROR 23505")
                .contains("Key (id)=(1) already exists");
    }

    @Test
    void theRowsOfACopyFromStdinAreLoadedAsPsqlLoadsThemAndAreNoSyntaxError(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("db/migrations/0001_create_positions.sql", """
                        CREATE TABLE positions (id int PRIMARY KEY, name text);
                        COPY positions (id, name) FROM stdin;
                        1\tpoint guard; it's the first
                        2\tcenter
                        \\.
                        """)
                .file("db/migrations/0001_create_positions.down.sql", "DROP TABLE positions;\n")
                .file("db/migrations/0002_unique_names.sql",
                        "ALTER TABLE positions ADD CONSTRAINT positions_name_key UNIQUE (name);\n")
                .file("db/migrations/0002_unique_names.down.sql",
                        "ALTER TABLE positions DROP CONSTRAINT positions_name_key;\n");
        Cli.Result check = Cli.run("check", dir.toString(), "--format", "json");
        assertThat(check.exitCode()).as(check.out()).isZero();
        JsonNode report = check.json();
        assertThat(findings(report, "migration-failed")).isEmpty();
        assertThat(findings(report, "syntax-error")).isEmpty();
        JsonNode runs = report.get("rehearsal").get("migrations");
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("applied");
        assertThat(runs.get(1).get("outcome").asText()).isEqualTo("applied");
    }

    @Test
    void aRoundTripThatDoesNotRestoreTheSchemaHidesNothingAfterIt(@TempDir Path dir) {
        // Seed 004's shape: the down of 0002 forgets its column, 0004 has no down, 0005 drops a column with data.
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "require:\n  down_migrations: true\n")
                .file("db/migrations/0001_content.sql", "CREATE TABLE content (id int PRIMARY KEY, title text NOT NULL);\n")
                .file("db/migrations/0001_content.down.sql", "DROP TABLE content;\n")
                .file("db/migrations/0002_outlet.sql",
                        "ALTER TABLE content ADD COLUMN outlet text;\nCREATE INDEX content_outlet ON content (outlet);\n")
                .file("db/migrations/0002_outlet.down.sql", "DROP INDEX content_outlet;\n")
                .file("db/migrations/0003_backfill.sql", "UPDATE content SET outlet = 'main' WHERE outlet IS NULL;\n")
                .file("db/migrations/0003_backfill.down.sql", "SELECT 1;\n")
                .file("db/migrations/0004_approvals.sql",
                        "CREATE TABLE approvals (id int PRIMARY KEY, content_id int REFERENCES content);\n")
                .file("db/migrations/0005_drop_title.sql", "ALTER TABLE content DROP COLUMN title;\n")
                .file("db/migrations/0005_drop_title.down.sql", "ALTER TABLE content ADD COLUMN title text;\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "down-not-inverse")).extracting(f -> f.get("migration").asText())
                .containsExactly("0002", "0005");
        assertThat(findings(report, "down-missing")).extracting(f -> f.get("migration").asText())
                .containsExactly("0004");
        assertThat(findings(report, "data-loss")).extracting(f -> f.get("migration").asText())
                .containsExactly("0005");
        assertThat(findings(report, "migration-failed")).isEmpty();
        JsonNode runs = report.get("rehearsal").get("migrations");
        runs.forEach(run -> assertThat(run.get("outcome").asText()).isEqualTo("applied"));
        assertThat(runs.get(1).get("note").asText()).contains("went on from a copy of the database after its up");
        // The copy holds the column the up added: the backfill after it runs on the schema production would have.
        assertThat(runs.get(2).path("note").asText()).isEmpty();
    }

    @Test
    void aDownThatFailsHalfwayOutsideATransactionIsFollowedFromACopyAfterTheUp(@TempDir Path dir) {
        // goose-style: the down runs without a transaction; its first statement is done when the second fails.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_t.sql", "-- +goose Up\nCREATE TABLE t (id int PRIMARY KEY);\n"
                        + "-- +goose Down\nDROP TABLE t;\n")
                .file("db/migrations/0002_columns.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n"
                        + "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n"
                        + "-- +goose Down\nALTER TABLE t DROP COLUMN b;\nALTER TABLE t DROP COLUMN missing;\n")
                .file("db/migrations/0003_c.sql", "-- +goose Up\nALTER TABLE t ADD COLUMN c int;\n"
                        + "-- +goose Down\nALTER TABLE t DROP COLUMN c;\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "down-failed")).extracting(f -> f.get("migration").asText())
                .containsExactly("0002");
        JsonNode runs = report.get("rehearsal").get("migrations");
        runs.forEach(run -> assertThat(run.get("outcome").asText()).isEqualTo("applied"));
        assertThat(runs.get(2).get("changes").toString()).contains("t.c");
        assertThat(findings(report, "down-not-inverse")).isEmpty();
    }

    @Test
    void aViewRecreatedInItsTransactionIsInformationAndASetNotNullThatScansIsAWarning(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("db/migrations/0001_players.sql", "CREATE TABLE players (id int PRIMARY KEY, nickname text);\n"
                        + "CREATE VIEW roster AS SELECT id, nickname FROM players;\n")
                .file("db/migrations/0001_players.down.sql", "DROP VIEW roster;\nDROP TABLE players;\n")
                .file("db/migrations/0002_roster.sql", "DROP VIEW roster;\nUPDATE players SET nickname = lower(nickname);\n"
                        + "CREATE VIEW roster AS SELECT id, nickname, upper(nickname) AS shout FROM players;\n")
                .file("db/migrations/0002_roster.down.sql", "DROP VIEW roster;\n"
                        + "CREATE VIEW roster AS SELECT id, nickname FROM players;\n")
                .file("db/migrations/0003_nickname.sql", "ALTER TABLE players ALTER COLUMN nickname SET NOT NULL;\n")
                .file("db/migrations/0003_nickname.down.sql", "ALTER TABLE players ALTER COLUMN nickname DROP NOT NULL;\n")
                .file("db/migrations/0004_team.sql", "ALTER TABLE players ADD COLUMN team text DEFAULT 'none';\n")
                .file("db/migrations/0004_team.down.sql", "ALTER TABLE players DROP COLUMN team;\n")
                .file("db/migrations/0005_team_check.sql",
                        "ALTER TABLE players ADD CONSTRAINT team_present CHECK (team IS NOT NULL) NOT VALID;\n")
                .file("db/migrations/0005_team_check.down.sql", "ALTER TABLE players DROP CONSTRAINT team_present;\n")
                .file("db/migrations/0006_validate.sql", "ALTER TABLE players VALIDATE CONSTRAINT team_present;\n")
                .file("db/migrations/0006_validate.down.sql", "SELECT 1;\n")
                .file("db/migrations/0007_team_not_null.sql", "ALTER TABLE players ALTER COLUMN team SET NOT NULL;\n")
                .file("db/migrations/0007_team_not_null.down.sql",
                        "ALTER TABLE players ALTER COLUMN team DROP NOT NULL;\n");
        JsonNode report = rehearse(dir.toString(), 0);
        java.util.Map<String, String> severities = new java.util.TreeMap<>();
        findings(report, "exclusive-lock").forEach(f -> severities.merge(f.get("migration").asText(),
                f.get("severity").asText(), (a, b) -> a + "," + b));
        assertThat(severities).containsEntry("0002", "info").containsEntry("0003", "warning")
                .containsEntry("0007", "info");
        assertThat(findings(report, "exclusive-lock")).filteredOn(f -> f.get("migration").asText().equals("0003"))
                .singleElement().satisfies(f -> assertThat(f.get("message").asText())
                        .contains("the statement scans or rewrites it meanwhile"));
    }

    @Test
    void jsonOfTheSameHistoryIsTheSameAndTimesComeOnlyWithTimings() {
        Cli.Result first = Cli.run("rehearse", FIXTURES + "data-loss", "--format", "json", "--fail-on", "never");
        Cli.Result second = Cli.run("rehearse", FIXTURES + "data-loss", "--format", "json", "--fail-on", "never");
        assertThat(second.out()).isEqualTo(first.out()).doesNotContain("millis");
        JsonNode timed = Cli.run("rehearse", FIXTURES + "data-loss", "--format", "json", "--fail-on", "never",
                "--timings").json();
        assertThat(timed.get("timings").get("rehearsal_millis").asLong()).isPositive();
        assertThat(timed.get("timings").get("migrations")).extracting(m -> m.get("id").asText())
                .containsExactly("0001", "0002");
        assertThat(timed.get("timings").get("migrations").get(0).has("up_millis")).isTrue();
    }

    @Test
    void theStatementsOfAMigrationAreCountedAsTheyRun(@TempDir Path dir) {
        StringBuilder inserts = new StringBuilder("CREATE TABLE events (id int PRIMARY KEY);\n");
        for (int i = 1; i <= 1500; i++) {
            inserts.append("INSERT INTO events VALUES (").append(i).append(");\n");
        }
        new ProjectBuilder(dir).file("db/migrations/0001_events.sql", inserts.toString());
        dev.schemaguard.config.Config config = new dev.schemaguard.config.ConfigLoader(
                new java.util.HashSet<>(dev.schemaguard.finding.RuleCatalogue.ids())).load(dir, null);
        dev.schemaguard.graph.MigrationGraph graph = dev.schemaguard.graph.MigrationGraph.of(
                new dev.schemaguard.source.MigrationSource().load(dir, config.migrations()));
        List<String> seen = new ArrayList<>();
        Rehearsal.run(graph, dev.schemaguard.testing.TestPostgres.server(),
                Rehearsal.prepare(graph, dir, config).settings(), new Rehearsal.Progress() {
                    @Override
                    public void step(int done, int total, String migration) {
                    }

                    @Override
                    public void statements(String migration, int done, int total) {
                        seen.add(migration + " " + done + "/" + total);
                    }
                });
        // the up's statements, counted one by one as they run
        assertThat(seen).startsWith("0001 1/1501", "0001 2/1501").contains("0001 1501/1501");
    }

    @Test
    void aDownThatFailsOnlyOnTheRowsIsAWarning(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("db/migrations/0001_crates.sql", "CREATE TABLE crates (id int PRIMARY KEY, user_id int NOT NULL);\n")
                .file("db/migrations/0001_crates.down.sql", "DROP TABLE crates;\n")
                .file("db/migrations/0002_drop_user.sql", "ALTER TABLE crates DROP COLUMN user_id;\n")
                .file("db/migrations/0002_drop_user.down.sql", "ALTER TABLE crates ADD COLUMN user_id int NOT NULL;\n");
        List<JsonNode> failed = findings(rehearse(dir.toString(), 0), "down-failed");
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asText()).isEqualTo("warning");
            assertThat(f.get("message").asText()).contains("ERROR 23502").contains("generated rows");
        });
    }

    @Test
    void changesMadeThroughCodeThatNamesNoTableAreStillTracedAndCompared(@TempDir Path dir) {
        // The table's name is put together at run time: no statement names accounts, yet its lock and the column the
        // down leaves behind are the database's facts.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n")
                .file("db/migrations/0001_accounts.down.sql", "DROP TABLE accounts;\n")
                .file("db/migrations/0002_widen.sql", "CREATE FUNCTION widen(what text) RETURNS void LANGUAGE plpgsql"
                        + " AS $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN note text', what); END $$;\n"
                        + "DO $$ BEGIN PERFORM widen('acc' || 'ounts'); END $$;\n"
                        + "DO $$ BEGIN EXECUTE 'ALTER TABLE ' || 'acc' || 'ounts ADD COLUMN nickname text'; END $$;\n")
                .file("db/migrations/0002_widen.down.sql", "DROP FUNCTION widen(text);\n"
                        + "DO $$ BEGIN EXECUTE 'ALTER TABLE ' || 'acc' || 'ounts DROP COLUMN note'; END $$;\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "exclusive-lock"))
                .anySatisfy(f -> {
                    assertThat(f.get("migration").asText()).isEqualTo("0002");
                    assertThat(f.get("message").asText()).contains("accounts");
                });
        assertThat(findings(report, "down-not-inverse")).singleElement().satisfies(f -> {
            assertThat(f.get("migration").asText()).isEqualTo("0002");
            assertThat(f.get("message").asText()).contains("accounts.nickname");
        });
    }

    @Test
    void aTableTheSeederCouldNotFillIsTriedAgainOnceAMigrationChangesWhatStoodInTheWay(@TempDir Path dir) {
        // No value meets the CHECK, so stock stays empty; once 0002 drops it, the seeding before 0003 (which a new
        // empty table sets off) fills it, and 0004 dropping it loses its rows.
        new ProjectBuilder(dir)
                .file("db/migrations/0001_stock.sql", "CREATE TABLE stock (id int PRIMARY KEY, code text"
                        + " CONSTRAINT impossible CHECK (code = 'x' AND code <> 'x'));\n")
                .file("db/migrations/0001_stock.down.sql", "DROP TABLE stock;\n")
                .file("db/migrations/0002_relax.sql", "ALTER TABLE stock DROP CONSTRAINT impossible;\n"
                        + "CREATE TABLE shelves (id int PRIMARY KEY);\n")
                .file("db/migrations/0002_relax.down.sql", "DROP TABLE shelves;\n"
                        + "ALTER TABLE stock ADD CONSTRAINT impossible CHECK (code = 'x' AND code <> 'x') NOT VALID;\n")
                .file("db/migrations/0003_bins.sql", "CREATE TABLE bins (id int PRIMARY KEY);\n")
                .file("db/migrations/0003_bins.down.sql", "DROP TABLE bins;\n")
                .file("db/migrations/0004_drop_stock.sql", "DROP TABLE stock;\n")
                .file("db/migrations/0004_drop_stock.down.sql", "CREATE TABLE stock (id int PRIMARY KEY, code text);\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "data-loss")).anySatisfy(f -> {
            assertThat(f.get("migration").asText()).isEqualTo("0004");
            assertThat(f.get("message").asText()).contains("stock");
        });
    }

    @Test
    void aBranchThatUsesWhatASiblingAddsIsToldToDeclareThatSiblingAParent(@TempDir Path dir) {
        // 0003 reads the column 0001 adds, but names only the squash as its parent: applied before 0001, it fails.
        String frontend = "migrations/frontend/";
        new ProjectBuilder(dir)
                .file(frontend + "1000000000_squashed/metadata.yaml", "name: squashed\nparents: []\n")
                .file(frontend + "1000000000_squashed/up.sql", "CREATE TABLE repo (id int PRIMARY KEY);\n")
                .file(frontend + "1000000000_squashed/down.sql", "DROP TABLE repo;\n")
                .file(frontend + "1000000001_fetch_attempts/metadata.yaml", "name: fetch attempts\nparents: [1000000000]\n")
                .file(frontend + "1000000001_fetch_attempts/up.sql",
                        "ALTER TABLE repo ADD COLUMN last_fetch_attempt_at timestamptz;\n")
                .file(frontend + "1000000001_fetch_attempts/down.sql",
                        "ALTER TABLE repo DROP COLUMN last_fetch_attempt_at;\n")
                .file(frontend + "1000000002_users/metadata.yaml", "name: users\nparents: [1000000000]\n")
                .file(frontend + "1000000002_users/up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n")
                .file(frontend + "1000000002_users/down.sql", "DROP TABLE users;\n")
                .file(frontend + "1000000003_stale_repos/metadata.yaml", "name: stale repos\nparents: [1000000000]\n")
                .file(frontend + "1000000003_stale_repos/up.sql", "CREATE VIEW stale_repos AS SELECT r.id FROM repo r"
                        + " WHERE r.last_fetch_attempt_at < now() - interval '1 day';\n")
                .file(frontend + "1000000003_stale_repos/down.sql", "DROP VIEW stale_repos;\n")
                .file(frontend + "1000000004_merge/metadata.yaml",
                        "name: merge\nparents: [1000000001, 1000000002, 1000000003]\n")
                .file(frontend + "1000000004_merge/up.sql", "SELECT 1;\n")
                .file(frontend + "1000000004_merge/down.sql", "SELECT 1;\n");
        JsonNode report = rehearse(dir.toString(), 1);
        assertThat(findings(report, "branch-order-dependent")).singleElement().satisfies(f -> {
            assertThat(f.get("message").asText()).contains("migration 1000000003 fails")
                    .contains("last_fetch_attempt_at is added by migration 1000000001");
            assertThat(f.get("fix").asText()).startsWith("Declare 1000000001 a parent of 1000000003");
            assertThat(f.get("evidence").toString()).contains("1000000001_fetch_attempts/up.sql")
                    .contains("adds last_fetch_attempt_at");
        });
    }
}
