package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.config.Config;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.MigrationSource;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.schemaguard.rehearsal.RehearsalTest.findings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Django projects rehearsed through their own Django, one migration at a time as {@code manage.py migrate APP NAME}
 * applies and unapplies it, with the settings module's databases replaced by the scratch database.
 */
class DjangoRehearsalTest {

    static final String LEAGUE = "schemaguard-core/src/test/resources/rehearsal/django-league";

    @TempDir
    Path scratch;

    private static void assumeDjango(String project) {
        Path dir = Path.of(project);
        MigrationGraph graph = MigrationGraph.of(new MigrationSource().load(dir, Config.defaults().migrations()));
        DjangoExecutor.Preparation django = DjangoExecutor.prepare(dir, Config.defaults().django(), graph);
        assumeTrue(django.available(), django.problem());
    }

    @Test
    void aTypeCreatedAgainFailsForRealAtTheOperationsLineWithTheServersMessage() {
        assumeDjango(LEAGUE);
        Cli.Result r = Cli.run("rehearse", LEAGUE, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> failed = findings(r.json(), "migration-failed");
        assertThat(failed).hasSize(1);
        JsonNode f = failed.get(0);
        assertThat(f.get("migration").asText()).isEqualTo("teams.0004_team_division");
        assertThat(f.get("file").asText()).isEqualTo("teams/migrations/0004_team_division.py");
        assertThat(f.get("line").asInt()).as("the RunSQL that creates the type again").isEqualTo(13);
        assertThat(f.get("message").asText()).contains("ERROR 42710: type \"division\" already exists")
                .contains("created by migration teams.0003_division").contains("1 later migration could not be");
        JsonNode runs = r.json().get("rehearsal").get("migrations");
        assertThat(runs.get(4).get("id").asText()).isEqualTo("teams.0005_team_city");
        assertThat(runs.get(4).get("outcome").asText()).isEqualTo("not reached");
    }

    @Test
    void aReverseThatDoesNotUndoIsDownNotInverseAndAuthsMigrationsRanFirst() {
        assumeDjango(LEAGUE);
        Cli.Result r = Cli.run("rehearse", LEAGUE, "--format", "json");
        List<JsonNode> notInverse = findings(r.json(), "down-not-inverse");
        assertThat(notInverse).hasSize(1);
        assertThat(notInverse.get(0).get("migration").asText()).isEqualTo("teams.0002_team_name_index");
        assertThat(notInverse.get(0).get("message").asText()).contains("index teams_team_name added");
        // 0001's foreign key to settings.AUTH_USER_MODEL needs auth_user: django.contrib.auth's migrations ran
        // before the project's, and neither they nor django_migrations count as 0001's changes.
        JsonNode first = r.json().get("rehearsal").get("migrations").get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("applied");
        assertThat(first.get("changes").toString()).contains("table teams_team added").doesNotContain("auth_")
                .doesNotContain("django_migrations");
    }

    @Test
    void theForkExampleIsAppliedWholeAndItsContractStepLosesTheTeams() {
        assumeDjango("examples/django-fork");
        Cli.Result r = Cli.run("rehearse", "examples/django-fork", "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode runs = r.json().get("rehearsal").get("migrations");
        assertThat(runs).hasSize(7);
        runs.forEach(run -> assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("applied"));
        assertThat(findings(r.json(), "migration-failed")).isEmpty();
        // RemoveField's reverse adds the column back, empty: the players' teams are gone.
        JsonNode loss = findings(r.json(), "data-loss").get(0);
        assertThat(loss.get("migration").asText()).isEqualTo("players.0003_player_teams_junction");
        assertThat(loss.get("message").asText()).contains("column players_player.team_id");
        assertThat(loss.get("line").asInt()).as("the RemoveField, not class Migration").isEqualTo(23);
        JsonNode lock = findings(r.json(), "exclusive-lock").stream()
                .filter(l -> l.get("migration").asText().equals("players.0006_player_jersey_number")).findFirst()
                .orElseThrow();
        assertThat(lock.get("line").asInt()).as("the AddField").isEqualTo(20);
    }

    @Test
    void aDataMigrationThatRaisesFailsAtTheLineOfItsOwnCode() throws java.io.IOException {
        assumeDjango(LEAGUE);
        Path project = new ProjectBuilder(scratch).copyOf(Path.of(LEAGUE)).root();
        java.nio.file.Files.delete(project.resolve("teams/migrations/0004_team_division.py"));
        java.nio.file.Files.delete(project.resolve("teams/migrations/0005_team_city.py"));
        new ProjectBuilder(project).file("teams/migrations/0004_name_teams.py", """
                from django.db import migrations


                def name_teams(apps, schema_editor):
                    Team = apps.get_model("teams", "Team")
                    if Team.objects.count() < 1000:
                        raise ValueError("fewer teams than expected")


                class Migration(migrations.Migration):

                    dependencies = [("teams", "0003_division")]

                    operations = [migrations.RunPython(name_teams, migrations.RunPython.noop)]
                """);
        Cli.Result r = Cli.run("rehearse", project.toString(), "--format", "json");
        JsonNode f = findings(r.json(), "migration-failed").get(0);
        assertThat(f.get("file").asText()).isEqualTo("teams/migrations/0004_name_teams.py");
        assertThat(f.get("line").asInt()).isEqualTo(7);
        assertThat(f.get("message").asText()).contains("ValueError: fewer teams than expected");
    }

    @Test
    void fromProductionsDumpTheBaselinesMigrationsAreRecordedAndOnlyTheRestRun() {
        assumeDjango("examples/django-fork");
        Cli.Result r = Cli.run("rehearse", "examples/django-fork", "--baseline",
                "schemaguard-core/src/test/resources/rehearsal/django-fork-prod-0002.sql", "--from", "players.0002_player_division",
                "--format", "json");
        assertThat(r.err()).doesNotContain("Exception");
        JsonNode runs = r.json().get("rehearsal").get("migrations");
        assertThat(runs).hasSize(5);
        runs.forEach(run -> assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("applied"));
        assertThat(runs.toString()).doesNotContain("players.0001_initial").doesNotContain("0002_player_division");
    }

    @Test
    void settingsThatCannotBeImportedSkipTheRehearsalAndSayWhy() {
        Path project = new ProjectBuilder(scratch).copyOf(Path.of(LEAGUE))
                .file("league/settings.py", "import environ\n\nSECRET_KEY = environ.Env()('SECRET_KEY')\n").root();
        Cli.Result r = Cli.run("check", project.toString(), "--quiet");
        assertThat(r.out()).contains("Rehearsal skipped: Django migrations are Python that only Django runs")
                .contains("league.settings").contains("No module named 'environ'");
        assertThat(r.exitCode()).as("the static findings alone decide: 0004's type created again")
                .isEqualTo(1);
        assertThat(r.out()).doesNotContain("migration-failed");
    }

    @Test
    void aConfiguredPythonThatCannotRunSkipsTheRehearsal() {
        Path project = new ProjectBuilder(scratch).copyOf(Path.of(LEAGUE))
                .file("schemaguard.yml", "django:\n  python: /nonexistent/python3\n").root();
        Cli.Result r = Cli.run("check", project.toString(), "--quiet");
        assertThat(r.out()).contains("Rehearsal skipped").contains("django.python '/nonexistent/python3' in "
                + "schemaguard.yml cannot be run");
    }
}
