package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** status reads django_migrations: every applied migration is a row, the rest of the project is pending. */
class DjangoStatusTest {

    static final Path EXAMPLE = Path.of("examples/django-fork");
    private static final String TABLE = "CREATE TABLE django_migrations (id bigserial PRIMARY KEY, app varchar(255) "
            + "NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL DEFAULT now())";

    private ScratchDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void applied(String... names) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(TABLE);
            for (String name : names) {
                s.execute("INSERT INTO django_migrations (app, name) VALUES ('" + name.replace(".", "', '") + "')");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aDatabaseMigratedToBeforeTheForkHasBothBranchesAndTheMergePending() {
        applied("contenttypes.0001_initial", "players.0001_initial", "players.0002_player_division");
        Cli.Result r = Cli.run("status", EXAMPLE.toString(), "--db-url", db.url().toString(), "--format", "json");
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
    void aMigrationRecordedBeforeItsDependencyStopsMigrate() {
        applied("players.0001_initial", "players.0003_player_custom_notes");
        Cli.Result r = Cli.run("status", EXAMPLE.toString(), "--db-url", db.url().toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(texts(r.json().get("database").get("blockers"))).anyMatch(b -> b.contains(
                "players.0003_player_custom_notes is applied before its dependency players.0002_player_division"));
    }
}
