package dev.schemaguard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002 in Django: two branches of one app revise the same parent (two 0003 migrations written at the same
 * time), a merge migration joins them, and a database migrated to 0002, before the fork, upgrades through both.
 */
class DjangoForkIncidentTest {

    static final Path EXAMPLE = Path.of("examples/django-fork");

    @TempDir
    Path scratch;

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theGraphIsTheIncidentsGraphWithOneLeaf() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode graph = r.json().get("graph");
        assertThat(texts(graph.get("roots"))).containsExactly("players.0001_initial");
        assertThat(texts(graph.get("heads"))).containsExactly("players.0006_player_jersey_number");
        JsonNode fork = graph.get("forks").get(0);
        assertThat(fork.get("at").asText()).isEqualTo("players.0002_player_division");
        assertThat(texts(fork.get("children")))
                .containsExactlyInAnyOrder("players.0003_player_teams_junction", "players.0003_player_custom_notes");
        assertThat(fork.get("merged_at").asText()).isEqualTo("players.0005_merge_20260326_1200");
        assertThat(r.json().get("migrations")).hasSize(7);
        Cli.Result text = Cli.run("graph", EXAMPLE.toString());
        assertThat(text.out()).contains("(one leaf per app, 1 app: migrate has one target in each)")
                .contains("the branches merge at players.0005_merge_20260326_1200");
    }

    @Test
    void fromAStampBeforeTheForkTheUpgradeRunsBothBranchesThenTheMerge() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString(), "--stamp", "players.0002_player_division", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("runs 5 migrations");
        int merge = r.out().indexOf("players.0005_merge");
        assertThat(r.out().indexOf("players.0003_player_teams_junction")).isBetween(0, merge);
        assertThat(r.out().indexOf("players.0004_oauthtoken")).isBetween(0, merge);
    }

    @Test
    void withoutTheMergeMigrationCheckFailsAsMigrateWould() throws IOException {
        Path project = new ProjectBuilder(scratch).copyOf(EXAMPLE).root();
        Files.delete(project.resolve("players/migrations/0005_merge_20260326_1200.py"));
        Files.delete(project.resolve("players/migrations/0006_player_jersey_number.py"));
        Cli.Result r = Cli.run("check", project.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode heads = r.findings("multiple-heads").get(0);
        assertThat(heads.get("severity").asText()).isEqualTo("error");
        assertThat(heads.get("message").asText()).contains("app players has 2 leaf migrations")
                .contains("Conflicting migrations detected");
        assertThat(heads.get("fix").asText()).contains("makemigrations --merge players");
        assertThat(r.findings("fork").get(0).get("severity").asText()).isEqualTo("error");
    }

    @Test
    void withoutAPythonThatHasDjangoTheRehearsalSaysItWasSkippedAndNeverFailsItsPython() throws IOException {
        Path project = new ProjectBuilder(scratch).copyOf(EXAMPLE)
                .file("schemaguard.yml", "django:\n  python: /nonexistent/python3\n").root();
        Cli.Result r = Cli.run("check", project.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Rehearsal skipped: Django migrations are Python that only Django runs");
    }

    @Test
    void theContractStepAndTheDataMigrationAreNamed() {
        Cli.Result r = Cli.run("check", EXAMPLE.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode drop = r.findings("drop-column").get(0);
        assertThat(drop.get("file").asText()).isEqualTo("players/migrations/0003_player_teams_junction.py");
        assertThat(drop.get("line").asInt()).isEqualTo(23);
        assertThat(drop.get("message").asText()).contains("players_player.team_id");
        JsonNode runPython = r.findings("unrecognized-statement").get(0);
        assertThat(runPython.get("line").asInt()).isEqualTo(25);
        for (JsonNode m : r.json().get("migrations")) {
            if (m.get("id").asText().equals("players.0006_player_jersey_number")) {
                assertThat(m.get("phase").asText()).contains("backfill");
            }
        }
    }
}
