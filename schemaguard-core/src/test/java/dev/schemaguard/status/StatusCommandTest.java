package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.CatalogDiff;
import dev.schemaguard.postgres.CatalogReader;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code status} on real databases whose version tables were written as each runner writes them: what an upgrade
 * to head runs, every reason it would fail, and that reading changes nothing.
 */
class StatusCommandTest {

    private static final Path ALEMBIC_FORK = Path.of("examples/alembic-fork");
    private static final Path GOLANG_MIGRATE = Path.of("schemaguard-core/src/test/resources/status/golang-migrate");

    private static final String ALEMBIC_VERSION = "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))";
    private static final String GOLANG_MIGRATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations "
            + "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)";
    private static final String DBMATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations "
            + "(version varchar(128) PRIMARY KEY)";
    /** Flyway 10's schema history table on PostgreSQL. */
    private static final String FLYWAY_TABLE = """
            CREATE TABLE "public"."flyway_schema_history" (
                "installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER,
                "installed_by" VARCHAR(100) NOT NULL, "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
            ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk"
                PRIMARY KEY ("installed_rank");
            CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
            """;

    /*
     * Migration texts with the checksums Flyway 10.20.1 itself stored for them in flyway_schema_history (measured
     * once by running Flyway's migrate on these files): a BOM and CRLF endings, non-ASCII text and blank lines, a
     * lone CR and no final newline, a repeatable migration.
     */
    private static final String V1 = "CREATE TABLE players (id int PRIMARY KEY);\n";
    private static final int V1_FLYWAY = 407165313;
    private static final String V1_1 = "\uFEFFALTER TABLE players\r\n  ADD COLUMN name text;\r\n\r\n";
    private static final int V1_1_FLYWAY = 195500463;
    private static final String V2 = "-- équipe ✓\nALTER TABLE players ADD COLUMN note text DEFAULT 'é';\n\n\n-- trailing\n";
    private static final int V2_FLYWAY = 2002704603;
    private static final String V2_EDITED = "-- équipe ✓\nALTER TABLE players ADD COLUMN note text DEFAULT 'è';\n";
    private static final int V2_EDITED_FLYWAY = -118109263;
    private static final String V3 = "\rCREATE INDEX players_name ON players (name)";
    private static final int V3_FLYWAY = -871182846;
    private static final String VIEW = "CREATE OR REPLACE VIEW player_names AS SELECT name FROM players;\n";
    private static final int VIEW_FLYWAY = -1689773474;

    @TempDir
    Path dir;

    private ScratchDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Cli.Result status(Path project, String... extra) {
        List<String> args = new ArrayList<>(List.of("status", project.toString(), "--db-url", db.url().toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private JsonNode statusJson(Path project, int expectedExit) {
        Cli.Result r = status(project, "--format", "json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(expectedExit);
        return r.json();
    }

    private void sql(String... statements) {
        TestPostgres.execute(db, statements);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> rules(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }

    @Test
    void stampedAtTheForkPointTheUpgradeRunsBothBranchesInOrderAndPasses() {
        sql(ALEMBIC_VERSION, "INSERT INTO alembic_version VALUES ('018')");
        JsonNode report = statusJson(ALEMBIC_FORK, 0);
        JsonNode database = report.get("database");
        assertThat(database.get("version_table").asText()).isEqualTo("public.alembic_version");
        assertThat(database.get("runner").asText()).isEqualTo("alembic");
        assertThat(texts(database.get("stamps"))).containsExactly("018");
        assertThat(texts(database.get("pending"))).containsExactly("019", "020", "021", "022", "023", "024", "025");
        assertThat(texts(database.get("targets"))).containsExactly("025");
        assertThat(texts(database.get("unknown_stamps"))).isEmpty();
        assertThat(database.get("can_upgrade").asBoolean()).isTrue();
        assertThat(texts(database.get("blockers"))).isEmpty();
        assertThat(database.get("changed").isNull()).as("Alembic stores no checksum: nothing compared").isTrue();
        assertThat(rules(report)).containsExactly("fork");

        Cli.Result text = status(ALEMBIC_FORK, "--quiet");
        assertThat(text.out()).contains("version table public.alembic_version (alembic)", "stamped 018; upgrade to 025",
                "runs 7 migrations, in this order:", "1. 019            alembic/versions/019_player_teams_junction.py",
                "passed");
    }

    @Test
    void aStampNoRevisionHasIsUnknownStampWithTheNearestIdsAndTheirFiles() {
        sql(ALEMBIC_VERSION, "INSERT INTO alembic_version VALUES ('18')");
        JsonNode report = statusJson(ALEMBIC_FORK, 1);
        JsonNode database = report.get("database");
        assertThat(texts(database.get("unknown_stamps"))).containsExactly("18");
        assertThat(database.get("can_upgrade").asBoolean()).isFalse();
        assertThat(database.get("pending")).as("where the database stands is unknown").isEmpty();
        assertThat(texts(database.get("blockers"))).singleElement().asString()
                .contains("'18'", "018 (alembic/versions/018_add_player_team_index.py)");
        JsonNode unknown = report.get("findings").findParents("rule").stream()
                .filter(f -> f.get("rule").asText().equals("unknown-stamp")).findFirst().orElseThrow();
        assertThat(unknown.get("severity").asText()).isEqualTo("error");
        assertThat(unknown.get("message").asText()).contains("nearest ids: 018", "Can't locate revision identified by '18'");
        assertThat(unknown.get("evidence").get(0).get("file").asText())
                .isEqualTo("alembic/versions/018_add_player_team_index.py");
    }

    @Test
    void aUniquePrefixOfFourOrMoreCharactersIsTheRevisionAsAlembicResolvesIt() {
        // 'e09c9e6780' begins only e09c9e678004, so Alembic finds it; one character off is no revision at all.
        sql(ALEMBIC_VERSION, "INSERT INTO alembic_version VALUES ('e09c9e6780')");
        JsonNode resolved = statusJson(ALEMBIC_FORK, 0).get("database");
        assertThat(texts(resolved.get("pending"))).startsWith("007", "008").hasSize(19).endsWith("025");

        sql("UPDATE alembic_version SET version_num = 'e09c9e678005'");
        JsonNode report = statusJson(ALEMBIC_FORK, 1);
        assertThat(texts(report.get("database").get("unknown_stamps"))).containsExactly("e09c9e678005");
        JsonNode unknown = report.get("findings").findParents("rule").stream()
                .filter(f -> f.get("rule").asText().equals("unknown-stamp")).findFirst().orElseThrow();
        assertThat(unknown.get("message").asText()).contains("nearest ids: e09c9e678004");
        assertThat(unknown.get("evidence").get(0).get("file").asText())
                .isEqualTo("alembic/versions/e09c9e678004_add_division_column_to_players.py");
    }

    @Test
    void severalAlembicRowsAreSeveralHeadsApplied() {
        // The fix seed 002 settled on: stamp both branch heads, then the upgrade runs the merge and what follows.
        sql(ALEMBIC_VERSION, "INSERT INTO alembic_version VALUES ('019'), ('021')");
        JsonNode database = statusJson(ALEMBIC_FORK, 0).get("database");
        assertThat(texts(database.get("stamps"))).containsExactly("019", "021");
        assertThat(texts(database.get("pending"))).containsExactly("022", "023", "024", "025");
    }

    @Test
    void withoutAVersionTableTheDatabaseIsEmptyAndEverythingIsPending() {
        JsonNode database = statusJson(ALEMBIC_FORK, 0).get("database");
        assertThat(database.get("version_table").isNull()).isTrue();
        assertThat(database.get("pending")).hasSize(25);
        assertThat(texts(database.get("pending"))).startsWith("001", "002", "003", "004", "005", "e09c9e678004");
        assertThat(database.get("notes")).isEmpty();

        sql("CREATE TABLE players (id bigint PRIMARY KEY)");
        JsonNode notEmpty = statusJson(ALEMBIC_FORK, 0).get("database");
        assertThat(texts(notEmpty.get("notes"))).singleElement().asString()
                .contains("no version table, yet its schema holds 1 table (players)");
    }

    @Test
    void aDirtyGolangMigrateVersionBlocksTheUpgradeAndSaysHowToForceIt() {
        sql(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (2, true)");
        JsonNode report = statusJson(GOLANG_MIGRATE, 1);
        assertThat(report.get("format").asText()).isEqualTo("golang-migrate");
        JsonNode database = report.get("database");
        assertThat(database.get("runner").asText()).isEqualTo("golang-migrate");
        assertThat(texts(database.get("stamps"))).containsExactly("2");
        assertThat(database.get("dirty").asBoolean()).isTrue();
        assertThat(database.get("can_upgrade").asBoolean()).isFalse();
        assertThat(texts(database.get("pending"))).containsExactly("0003");
        assertThat(texts(database.get("blockers"))).singleElement().asString()
                .contains("dirty at version 2 (migrations/0002_add_players_email.up.sql)",
                        "Dirty database version 2. Fix and force version.", "migrate force 2", "migrate force 1");
        assertThat(rules(report)).as("no rule id exists for it: the blocker alone fails the command").isEmpty();

        Cli.Result text = status(GOLANG_MIGRATE, "--quiet");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("stamped 2 (dirty)", "cannot upgrade:", "would run 1 migration",
                "FAILED (the upgrade to head would fail)");
        assertThat(status(GOLANG_MIGRATE, "--fail-on", "never").exitCode()).as("a blocker fails whatever --fail-on")
                .isEqualTo(1);
    }

    @Test
    void aCleanGolangMigrateVersionRunsWhatFollowsAndAVersionNoFileHasBlocks() {
        sql(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (1, false)");
        JsonNode clean = statusJson(GOLANG_MIGRATE, 0).get("database");
        assertThat(clean.get("dirty").asBoolean()).isFalse();
        assertThat(texts(clean.get("pending"))).containsExactly("0002", "0003");

        sql("UPDATE schema_migrations SET version = 7");
        JsonNode ahead = statusJson(GOLANG_MIGRATE, 1).get("database");
        assertThat(texts(ahead.get("unknown_applied"))).containsExactly("7");
        assertThat(texts(ahead.get("blockers"))).singleElement().asString()
                .contains("no migration found for version 7");
    }

    @Test
    void aTableTheRunnerWouldChokeOnOrANamedTableThatIsMissingCannotBeRead() {
        sql(DBMATE_TABLE, "INSERT INTO schema_migrations VALUES ('1')", "CREATE TABLE players (id int)");
        Cli.Result otherRunner = status(GOLANG_MIGRATE);
        assertThat(otherRunner.exitCode()).isEqualTo(2);
        assertThat(otherRunner.err()).contains("public.schema_migrations is not golang-migrate's version table",
                "its columns are dbmate's");

        sql("CREATE SCHEMA deploy", "CREATE TABLE deploy.league_migrations "
                + "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
                "INSERT INTO deploy.league_migrations VALUES (3, false)");
        Cli.Result named = status(GOLANG_MIGRATE, "--version-table", "deploy.league_migrations", "--format", "json");
        assertThat(named.exitCode()).as(named.err()).isZero();
        JsonNode database = named.json().get("database");
        assertThat(database.get("version_table").asText()).isEqualTo("deploy.league_migrations");
        assertThat(database.get("pending")).isEmpty();
        assertThat(texts(database.get("notes"))).singleElement().asString()
                .contains("also has public.schema_migrations, dbmate's version table");

        Cli.Result mistyped = status(GOLANG_MIGRATE, "--version-table", "deploy.league_migration");
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains("no table deploy.league_migration in the database");
    }

    @Test
    void dbmateRunsEveryFileNotAppliedAndIgnoresVersionsNoFileHas() {
        new ProjectBuilder(dir)
                .file("db/migrations/20240101000000_players.sql", "-- migrate:up\nCREATE TABLE players (id int);\n")
                .file("db/migrations/20240102000000_teams.sql", "-- migrate:up\nCREATE TABLE teams (id int);\n")
                .file("db/migrations/20240103000000_coaches.sql", "-- migrate:up\nCREATE TABLE coaches (id int);\n");
        sql(DBMATE_TABLE, "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240103000000'), "
                + "('20231231000000')");
        JsonNode database = statusJson(dir, 0).get("database");
        assertThat(database.get("runner").asText()).isEqualTo("dbmate");
        assertThat(database.get("dirty").isNull()).isTrue();
        assertThat(texts(database.get("stamps"))).containsExactly("20240103000000");
        assertThat(texts(database.get("pending"))).containsExactly("20240102000000");
        assertThat(texts(database.get("unknown_applied"))).containsExactly("20231231000000");
        assertThat(texts(database.get("notes"))).anySatisfy(n -> assertThat(n).contains("out of order"))
                .anySatisfy(n -> assertThat(n).contains("dbmate ignores it"));
    }

    @Test
    void theChecksumIsFlywaysOwn() {
        assertThat(FlywayChecksum.of(V1)).isEqualTo(V1_FLYWAY);
        assertThat(FlywayChecksum.of(V1_1)).isEqualTo(V1_1_FLYWAY);
        assertThat(FlywayChecksum.of(V2)).isEqualTo(V2_FLYWAY);
        assertThat(FlywayChecksum.of(V2_EDITED)).isEqualTo(V2_EDITED_FLYWAY);
        assertThat(FlywayChecksum.of(V3)).isEqualTo(V3_FLYWAY);
        assertThat(FlywayChecksum.of(VIEW)).isEqualTo(VIEW_FLYWAY);
    }

    private ProjectBuilder flywayProject() {
        return new ProjectBuilder(dir)
                .file("src/main/resources/db/migration/V1__create_players.sql", V1)
                .file("src/main/resources/db/migration/V1_1__add_name.sql", V1_1)
                .file("src/main/resources/db/migration/V2__note.sql", V2)
                .file("src/main/resources/db/migration/V3__no_newline.sql", V3)
                .file("src/main/resources/db/migration/R__players_view.sql", VIEW);
    }

    private void flywayHistory(String... rows) {
        List<String> statements = new ArrayList<>(List.of(FLYWAY_TABLE.split(";\n")));
        for (int i = 0; i < rows.length; i++) {
            statements.add("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (" + (i + 1) + ", " + rows[i] + ")");
        }
        sql(statements.toArray(String[]::new));
    }

    @Test
    void aFlywayMigrationWhoseFileChangedSinceItWasAppliedBlocks() {
        flywayProject();
        flywayHistory("'1', 'create players', 'SQL', 'V1__create_players.sql', " + V1_FLYWAY + ", 'app', 5, true",
                "'1.1', 'add name', 'SQL', 'V1_1__add_name.sql', " + V1_1_FLYWAY + ", 'app', 5, true",
                "'2', 'note', 'SQL', 'V2__note.sql', " + V2_FLYWAY + ", 'app', 5, true",
                "'3', 'no newline', 'SQL', 'V3__no_newline.sql', " + V3_FLYWAY + ", 'app', 5, true",
                "NULL, 'players view', 'SQL', 'R__players_view.sql', " + VIEW_FLYWAY + ", 'app', 5, true");
        JsonNode unchanged = statusJson(dir, 0).get("database");
        assertThat(unchanged.get("runner").asText()).isEqualTo("flyway");
        assertThat(texts(unchanged.get("stamps"))).containsExactly("3");
        assertThat(unchanged.get("changed")).as("compared, and nothing changed").isEmpty();
        assertThat(unchanged.get("pending")).isEmpty();

        new ProjectBuilder(dir).file("src/main/resources/db/migration/V2__note.sql", V2_EDITED)
                .file("src/main/resources/db/migration/R__players_view.sql", VIEW.replace("name", "name, id"));
        JsonNode database = statusJson(dir, 1).get("database");
        JsonNode changed = database.get("changed");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("id").asText()).isEqualTo("2");
        assertThat(changed.get(0).get("file").asText()).isEqualTo("src/main/resources/db/migration/V2__note.sql");
        assertThat(changed.get(0).get("applied_checksum").asInt()).isEqualTo(V2_FLYWAY);
        assertThat(changed.get(0).get("file_checksum").asInt()).isEqualTo(V2_EDITED_FLYWAY);
        assertThat(texts(database.get("blockers"))).singleElement().asString()
                .contains("Migration checksum mismatch for migration version 2");
        assertThat(texts(database.get("pending"))).as("a changed repeatable migration runs again")
                .containsExactly("R__players_view");
    }

    @Test
    void failedMissingAndSkippedFlywayVersionsBlock() {
        flywayProject().file("src/main/resources/db/migration/V2_5__late.sql", "SELECT 1;\n")
                .file("src/main/resources/db/migration/V4__backfill.sql", "UPDATE players SET name = '';\n");
        flywayHistory("'1', 'create players', 'SQL', 'V1__create_players.sql', " + V1_FLYWAY + ", 'app', 5, true",
                "'1.2', 'gone', 'SQL', 'V1_2__gone.sql', 42, 'app', 5, true",
                "'2', 'note', 'SQL', 'V2__note.sql', " + V2_FLYWAY + ", 'app', 5, true",
                "'3', 'no newline', 'SQL', 'V3__no_newline.sql', " + V3_FLYWAY + ", 'app', 5, true",
                "'4', 'backfill', 'SQL', 'V4__backfill.sql', 7, 'app', 5, false");
        JsonNode database = statusJson(dir, 1).get("database");
        assertThat(texts(database.get("stamps"))).containsExactly("3");
        assertThat(texts(database.get("failed"))).containsExactly("4");
        assertThat(texts(database.get("unknown_applied"))).containsExactly("1.2");
        assertThat(texts(database.get("blockers"))).hasSize(4)
                .anySatisfy(b -> assertThat(b).contains("Detected failed migration to version 4", "flyway repair"))
                .anySatisfy(b -> assertThat(b).contains("Detected applied migration not resolved locally: 1.2"))
                .anySatisfy(b -> assertThat(b).contains("V1_1__add_name.sql (version 1.1) was never applied"))
                .anySatisfy(b -> assertThat(b).contains("V2_5__late.sql (version 2.5) was never applied",
                        "-outOfOrder=true"));
        assertThat(texts(database.get("pending"))).containsExactly("4", "R__players_view");
    }

    @Test
    void statusChangesNothing() throws SQLException {
        sql("CREATE TYPE division AS ENUM ('boys', 'girls')",
                "CREATE TABLE players (id bigint PRIMARY KEY, name text, division division)",
                "CREATE INDEX players_name_idx ON players (name)",
                "INSERT INTO players VALUES (1, 'a', 'boys')",
                ALEMBIC_VERSION, "INSERT INTO alembic_version VALUES ('018')");
        Catalog before;
        List<String> rowsBefore;
        try (Connection c = db.connect()) {
            before = CatalogReader.read(c);
            rowsBefore = rows(c, "SELECT version_num FROM alembic_version UNION ALL SELECT id || name FROM players");
        }

        assertThat(status(ALEMBIC_FORK).exitCode()).isZero();
        assertThat(status(ALEMBIC_FORK, "--format", "json").exitCode()).isZero();
        sql("UPDATE alembic_version SET version_num = '18'");
        rowsBefore.set(0, "18");
        assertThat(status(ALEMBIC_FORK, "--format", "json").exitCode()).isEqualTo(1);

        try (Connection c = db.connect()) {
            assertThat(CatalogDiff.between(before, CatalogReader.read(c))).isEmpty();
            assertThat(rows(c, "SELECT version_num FROM alembic_version UNION ALL SELECT id || name FROM players"))
                    .isEqualTo(rowsBefore);
        }
    }

    @Test
    void theSessionRefusesWritesAndBoundsEveryStatement() {
        sql("CREATE TABLE players (id int)");
        assertThatThrownBy(() -> ReadOnlySession.read(db.url(), c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO players VALUES (1)");
            }
        })).isInstanceOf(InputException.class).hasMessageContaining("read-only transaction");
        String settings = ReadOnlySession.read(db.url(), c -> rows(c, "SELECT current_setting('transaction_read_only') "
                + "|| ' ' || current_setting('transaction_isolation') || ' ' || current_setting('statement_timeout') "
                + "|| ' ' || current_setting('lock_timeout')").get(0));
        assertThat(settings).isEqualTo("on repeatable read 30s 10s");
        assertThat(rows("SELECT count(*) FROM players")).containsExactly("0");
    }

    private List<String> rows(String query) {
        try (Connection c = db.connect()) {
            return rows(c, query);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> rows(Connection c, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword() {
        Cli.Result refused = Cli.run("status", ALEMBIC_FORK.toString(), "--db-url",
                "postgresql://deploy:hunter2@127.0.0.1:1/league?sslmode=disable");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).startsWith("schemaguard: error: cannot connect to postgresql://deploy@127.0.0.1:1/league: ")
                .hasLineCount(1).doesNotContain("hunter2");

        String missingDatabase = db.url().withDatabase("no_such_database").toString()
                .replace("postgresql://" + db.url().user() + "@", "postgresql://" + db.url().user() + ":hunter2@");
        Cli.Result unknown = Cli.run("status", ALEMBIC_FORK.toString(), "--db-url", missingDatabase);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no_such_database", "does not exist").hasLineCount(1)
                .doesNotContain("hunter2");

        Cli.Result malformed = Cli.run("status", ALEMBIC_FORK.toString(), "--db-url", "mysql://deploy:hunter2@db/league");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("is not a PostgreSQL URL").doesNotContain("hunter2");
    }

    @Test
    void statusNeedsADatabase() {
        Cli.Result r = Cli.run("status", ALEMBIC_FORK.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--db-url");
    }
}
