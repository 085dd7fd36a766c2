package dev.schemaguard.lint;

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
 * Django migrations are linted through the statements Django's PostgreSQL schema editor emits for their operations,
 * with the model state the earlier migrations left.
 */
class DjangoOperationsTest {

    @TempDir
    Path dir;

    /** Findings of migration 0002 of app {@code league}, as rule:severity:line; 0001 creates league_player. */
    private List<String> lint(String header, String operations) {
        new ProjectBuilder(dir).file("league/migrations/__init__.py", "").file("league/migrations/0001_initial.py", """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = True
                    dependencies = []
                    operations = [
                        migrations.CreateModel(
                            name="Player",
                            fields=[
                                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                                ("name", models.CharField(max_length=100)),
                                ("email", models.EmailField(max_length=254, null=True)),
                                ("rating", models.IntegerField()),
                            ],
                        ),
                    ]
                """).file("league/migrations/0002_change.py", """
                import uuid
                from django.contrib.postgres.operations import AddIndexConcurrently
                from django.db import migrations, models


                class Migration(migrations.Migration):
                %s
                    dependencies = [("league", "0001_initial")]
                    operations = [
                %s
                    ]
                """.formatted(header.indent(4).stripTrailing(), operations.indent(8).stripTrailing()));
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.json().get("findings")) {
            if (f.get("file").asText().endsWith("0002_change.py") && !f.get("rule").asText().equals("non-idempotent-ddl")
                    && !f.get("rule").asText().equals("missing-lock-timeout")) {
                out.add(f.get("rule").asText() + ":" + f.get("severity").asText() + ":" + f.get("line").asInt());
            }
        }
        return out;
    }

    @Test
    void addFieldNotNullWithoutDefaultFailsOnRowsAndADefaultFillsThem() {
        assertThat(lint("", "migrations.AddField(model_name=\"player\", name=\"team\", field=models.IntegerField()),"))
                .containsExactly("add-column-not-null-no-default:warning:10");
        assertThat(lint("", "migrations.AddField(model_name=\"player\", name=\"team\", "
                + "field=models.IntegerField(default=0), preserve_default=False),")).isEmpty();
    }

    @Test
    void aCallableDefaultIsEvaluatedOnceForEveryExistingRow() {
        assertThat(lint("", "migrations.AddField(model_name=\"player\", name=\"token\", "
                + "field=models.UUIDField(default=uuid.uuid4, unique=True)),"))
                .contains("unrecognized-statement:info:10");
    }

    @Test
    void aForeignKeyAddsAValidatedConstraintAndAnIndexBuiltWithoutConcurrently() {
        assertThat(lint("", "migrations.AddField(model_name=\"player\", name=\"captain\", "
                + "field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to=\"league.player\")),"))
                .contains("foreign-key-not-valid:warning:10", "index-not-concurrent:warning:10");
    }

    @Test
    void alterFieldEmitsOnlyWhatChanged() {
        assertThat(lint("", "migrations.AlterField(model_name=\"player\", name=\"name\", "
                + "field=models.CharField(max_length=100, help_text=\"shown in forms\")),")).isEmpty();
        assertThat(lint("", "migrations.AlterField(model_name=\"player\", name=\"email\", "
                + "field=models.EmailField(max_length=254)),")).containsExactly("set-not-null:warning:10");
        assertThat(lint("", "migrations.AlterField(model_name=\"player\", name=\"rating\", "
                + "field=models.CharField(max_length=10)),")).containsExactly("change-column-type:warning:10");
        assertThat(lint("", "migrations.AlterField(model_name=\"player\", name=\"name\", "
                + "field=models.CharField(max_length=200)),")).isEmpty();
    }

    @Test
    void removeAndRenameAreBreakingChanges() {
        assertThat(lint("", "migrations.RemoveField(model_name=\"player\", name=\"email\"),"))
                .containsExactly("drop-column:warning:10");
        assertThat(lint("", "migrations.RenameField(model_name=\"player\", old_name=\"email\", new_name=\"mail\"),"))
                .containsExactly("rename-column:warning:10");
        assertThat(lint("", "migrations.RenameModel(old_name=\"Player\", new_name=\"Athlete\"),"))
                .containsExactly("rename-table:warning:10");
    }

    @Test
    void anIndexIsBuiltConcurrentlyOnlyOutsideATransaction() {
        String concurrently = "AddIndexConcurrently(model_name=\"player\", "
                + "index=models.Index(fields=[\"name\"], name=\"player_name_idx\")),";
        assertThat(lint("atomic = False", concurrently)).isEmpty();
        assertThat(lint("", concurrently)).containsExactly("concurrent-in-transaction:error:10");
        assertThat(lint("", "migrations.AddIndex(model_name=\"player\", "
                + "index=models.Index(fields=[\"name\"], name=\"player_name_idx\")),"))
                .containsExactly("index-not-concurrent:warning:10");
    }

    @Test
    void runSqlGoesThroughTheSqlRulesAtItsLine() {
        assertThat(lint("", """
                migrations.RunSQL(
                    sql=\"\"\"
                    ALTER TABLE league_player DROP COLUMN rating;
                    \"\"\",
                    reverse_sql=migrations.RunSQL.noop,
                ),"""))
                .containsExactly("drop-column:warning:12");
    }

    @Test
    void theTableIsTheModelsDbTableAndStateOnlyOperationsEmitNothing() {
        List<String> findings = lint("", """
                migrations.CreateModel(
                    name="Coach",
                    fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.TextField())],
                    options={"db_table": "coaches", "ordering": ("name",)},
                ),
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.RemoveField(model_name="player", name="rating")],
                    database_operations=[],
                ),
                migrations.AlterField(model_name="player", name="rating", field=models.BigIntegerField()),""");
        assertThat(findings).as("the state no longer has rating: AlterField is not read, never guessed")
                .containsExactly("unrecognized-statement:info:19");
        new ProjectBuilder(dir).file("league/migrations/0003_drop.py", """
                from django.db import migrations


                class Migration(migrations.Migration):
                    dependencies = [("league", "0002_change")]
                    operations = [migrations.RemoveField(model_name="coach", name="name")]
                """);
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.findings("drop-column").get(0).get("message").asText()).contains("coaches.name");
    }

    @Test
    void aSuppressionAboveTheOperationSilencesIt() {
        assertThat(lint("", """
                # schemaguard:ignore drop-column the column is read by no service since release 12
                migrations.RemoveField(model_name="player", name="email"),""")).isEmpty();
    }

    @Test
    void aMigrationPythonCannotCompileIsASyntaxError() {
        assertThat(lint("", "migrations.RemoveField(model_name=\"player\", name=\"email\"")).contains("syntax-error:error:11");
    }
}
