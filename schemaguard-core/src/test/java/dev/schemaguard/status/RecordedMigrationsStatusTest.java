package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * status on the runners that record every applied migration: Django's django_migrations (the project's unrecorded
 * migrations are pending) and Liquibase's DATABASECHANGELOG (a held DATABASECHANGELOGLOCK is a blocker).
 */
class RecordedMigrationsStatusTest {

    static final Path DJANGO = Path.of("examples/django-fork");
    static final Path LIQUIBASE = Path.of("examples/liquibase-league");
    private static final String DJANGO_TABLE = "CREATE TABLE django_migrations (id bigserial PRIMARY KEY, "
            + "app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL DEFAULT now())";
    private static final String[] LIQUIBASE_TABLES = {
            "CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, "
                    + "filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL, "
                    + "exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), "
                    + "comments varchar(255), tag varchar(255), liquibase varchar(20), contexts varchar(255), "
                    + "labels varchar(255), deployment_id varchar(10))",
            "CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp, "
                    + "lockedby varchar(255))",
            "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES "
                    + "('001', 'league', 'db/changelog/changes/001-create-players.xml', now(), 1, 'EXECUTED'), "
                    + "('002', 'league', 'classpath:/db/changelog/changes/002-division.yaml', now(), 2, 'EXECUTED')"};

    private ScratchDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void sql(String... statements) {
        TestPostgres.execute(db, statements);
    }

    private void djangoApplied(String... names) {
        sql(DJANGO_TABLE);
        for (String name : names) {
            sql("INSERT INTO django_migrations (app, name) VALUES ('" + name.replace(".", "', '") + "')");
        }
    }

    private Cli.Result status(Path project) {
        return Cli.run("status", project.toString(), "--db-url", db.url().toString(), "--format", "json");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aDjangoDatabaseMigratedToBeforeTheForkHasBothBranchesAndTheMergePending() {
        djangoApplied("contenttypes.0001_initial", "players.0001_initial", "players.0002_player_division");
        Cli.Result r = status(DJANGO);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode database = r.json().get("database");
        assertThat(database.get("runner").asText()).isEqualTo("django");
        assertThat(texts(database.get("stamps"))).containsExactly("players.0002_player_division");
        assertThat(texts(database.get("pending"))).containsExactlyInAnyOrder("players.0003_player_custom_notes",
                "players.0003_player_teams_junction", "players.0004_oauthtoken", "players.0005_merge_20260326_1200",
                "players.0006_player_jersey_number");
        assertThat(texts(database.get("blockers"))).isEmpty();
    }

    @Test
    void aDjangoMigrationRecordedBeforeItsDependencyStopsMigrate() {
        djangoApplied("players.0001_initial", "players.0003_player_custom_notes");
        Cli.Result r = status(DJANGO);
        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(texts(r.json().get("database").get("blockers"))).anyMatch(b -> b.contains(
                "players.0003_player_custom_notes is applied before its dependency players.0002_player_division"));
    }

    /** An app whose first two migrations were squashed and deleted, as squashmigrations leaves it once cleaned up. */
    private static Path squashedProject(Path dir) {
        String header = "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n";
        new ProjectBuilder(dir).file("manage.py", "import django\n")
                .file("accounts/migrations/__init__.py", "")
                .file("accounts/migrations/0001_squashed_0002_email.py", header
                        + "    replaces = [(\"accounts\", \"0001_initial\"), (\"accounts\", \"0002_email\")]\n"
                        + "    dependencies = []\n    operations = []\n")
                .file("accounts/migrations/0003_phone.py", header
                        + "    dependencies = [(\"accounts\", \"0001_squashed_0002_email\")]\n    operations = []\n");
        return dir;
    }

    @Test
    void aDjangoSquashIsAppliedWhenAllItReplacesIsRecordedAndNotUsedWhenPartOfItIs(@TempDir Path dir) {
        Path project = squashedProject(dir);
        djangoApplied("accounts.0001_initial", "accounts.0002_email");
        JsonNode all = status(project).json().get("database");
        assertThat(texts(all.get("stamps"))).containsExactly("accounts.0001_squashed_0002_email");
        assertThat(texts(all.get("pending"))).containsExactly("accounts.0003_phone");
        assertThat(texts(all.get("unknown_applied"))).isEmpty();
        assertThat(texts(all.get("blockers"))).isEmpty();

        sql("DELETE FROM django_migrations WHERE name = '0002_email'");
        Cli.Result part = status(project);
        JsonNode database = part.json().get("database");
        assertThat(texts(database.get("pending"))).containsExactly("accounts.0002_email", "accounts.0003_phone");
        assertThat(texts(database.get("unknown_applied"))).isEmpty();
        assertThat(texts(database.get("notes"))).anyMatch(n -> n.contains("accounts.0001_squashed_0002_email "
                + "squashes 2 migrations, 1 of them recorded: Django does not use the squash on this database"));

        sql("DELETE FROM django_migrations");
        assertThat(texts(status(project).json().get("database").get("pending")))
                .containsExactly("accounts.0001_squashed_0002_email", "accounts.0003_phone");
    }

    @Test
    void liquibaseChangesetsAreMatchedByIdAuthorAndChangelogPath() {
        sql(LIQUIBASE_TABLES);
        sql("INSERT INTO databasechangeloglock VALUES (1, false, NULL, NULL)");
        Cli.Result r = status(LIQUIBASE);
        assertThat(r.err()).doesNotContain("error:");
        JsonNode database = r.json().get("database");
        assertThat(database.get("runner").asText()).isEqualTo("liquibase");
        assertThat(texts(database.get("stamps")))
                .containsExactly("league:002:src/main/resources/db/changelog/changes/002-division.yaml");
        assertThat(texts(database.get("pending"))).hasSize(4).first().asString().startsWith("league:003:");
        assertThat(texts(database.get("blockers"))).isEmpty();
    }

    @Test
    void aHeldLiquibaseChangelogLockIsABlocker() {
        sql(LIQUIBASE_TABLES);
        sql("INSERT INTO databasechangeloglock VALUES (1, true, now(), 'api-7d9f (10.0.3.17)')");
        Cli.Result r = status(LIQUIBASE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(texts(r.json().get("database").get("blockers")))
                .anyMatch(b -> b.contains("DATABASECHANGELOGLOCK is held by api-7d9f (10.0.3.17)"));
    }
}
