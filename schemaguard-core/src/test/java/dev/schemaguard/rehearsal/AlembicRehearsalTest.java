package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.config.Config;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.schemaguard.rehearsal.RehearsalTest.findings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Alembic projects rehearsed through their own Alembic: seed 003's crash loop, and a fork whose order matters. */
class AlembicRehearsalTest {

    @BeforeAll
    static void alembicIsInstalled() {
        var alembic = AlembicExecutor.availability(Path.of("examples/alembic-fork"),
                new Config.Alembic(null, null, null));
        assumeTrue(alembic.available(), alembic.problem());
    }

    @Test
    void seed003TheTypeCreatedAgainFailsAt008WithTheServersMessageAndNamesItsCreator() {
        Cli.Result r = Cli.run("rehearse", "examples/alembic-fork", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<JsonNode> failed = findings(r.json(), "migration-failed");
        assertThat(failed).hasSize(1);
        JsonNode f = failed.get(0);
        assertThat(f.get("migration").asText()).isEqualTo("008");
        assertThat(f.get("file").asText()).isEqualTo("alembic/versions/008_add_team_model.py");
        assertThat(f.get("line").asInt()).isEqualTo(32);
        assertThat(f.get("message").asText()).contains("ERROR 42710: type \"division\" already exists")
                .contains("created by migration e09c9e678004").contains("17 later migrations could not be rehearsed");
        assertThat(findings(r.json(), "data-loss")).isEmpty();
    }

    @Test
    void branchesThatBuildDifferentSchemasInTheirTwoOrdersAreAnError() {
        Cli.Result r = Cli.run("rehearse", "schemaguard-core/src/test/resources/rehearsal/branch-order-dependent", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<JsonNode> found = findings(r.json(), "branch-order-dependent");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("migration").asText()).isEqualTo("0004");
        assertThat(found.get(0).get("message").asText()).contains("fork at 0001")
                .contains("column players.nickname: type text → character varying(100)");
        assertThat(found.get(0).get("evidence")).hasSize(2);
    }

    @Test
    void fromProductionsDumpAndStampOnlyWhatTheDeployWouldRunIsReplayed() {
        String project = "schemaguard-core/src/test/resources/rehearsal/branch-order-dependent";
        Cli.Result r = Cli.run("rehearse", project, "--baseline", project + "/prod-schema-0001.sql", "--from", "0001",
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode runs = r.json().get("rehearsal").get("migrations");
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).get("id").asText()).isEqualTo("0002");
        runs.forEach(run -> assertThat(run.get("outcome").asText()).isEqualTo("applied"));
        assertThat(findings(r.json(), "branch-order-dependent")).hasSize(1);
    }

    @Test
    void rowsGeneratedBeforeAForeignKeyOfCreateForeignKeyReferenceItsParent(@TempDir Path copy) throws IOException {
        // The orphans a real table could hold are deleted before the key is added: generated rows must not all be
        // orphans, or the DELETE reads as data loss and the key as failing on the rows.
        Path from = Path.of("schemaguard-core/src/test/resources/rehearsal/branch-order-dependent");
        Files.createDirectories(copy.resolve("migrations/versions"));
        Files.copy(from.resolve("alembic.ini"), copy.resolve("alembic.ini"));
        Files.copy(from.resolve("migrations/env.py"), copy.resolve("migrations/env.py"));
        Files.writeString(copy.resolve("migrations/versions/0001_crates.py"), """
                from alembic import op
                import sqlalchemy as sa

                revision = "0001"
                down_revision = None


                def upgrade():
                    op.create_table("crates", sa.Column("id", sa.Integer(), primary_key=True))
                    op.create_table("badges", sa.Column("crate_id", sa.Integer(), nullable=False),
                                    sa.Column("kind", sa.Text()))


                def downgrade():
                    op.drop_table("badges")
                    op.drop_table("crates")
                """);
        Files.writeString(copy.resolve("migrations/versions/0002_badge_key.py"), """
                from alembic import op

                revision = "0002"
                down_revision = "0001"


                def upgrade():
                    op.execute("DELETE FROM badges WHERE crate_id NOT IN (SELECT id FROM crates)")
                    op.create_foreign_key("fk_badges_crate", "badges", "crates", ["crate_id"], ["id"])


                def downgrade():
                    op.drop_constraint("fk_badges_crate", "badges", type_="foreignkey")
                """);
        Cli.Result r = Cli.run("rehearse", copy.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(findings(r.json(), "data-loss")).isEmpty();
        assertThat(findings(r.json(), "data-dependent-failure")).isEmpty();
    }

    /**
     * The fork-conflict project with its version in a table of its own name, as several Alembic environments sharing
     * one database keep it: env.py passes version_table=, and production's dump has that table.
     */
    private static String withVersionTable(Path copy, String table) throws IOException {
        Path from = Path.of("schemaguard-core/src/test/resources/rehearsal/branch-order-dependent");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path env = copy.resolve("migrations/env.py");
        Files.writeString(env, Files.readString(env).replace("transaction_per_migration=True)",
                "transaction_per_migration=True, version_table=\"" + table + "\")"));
        Path dump = copy.resolve("prod-schema-0001.sql");
        Files.writeString(dump, Files.readString(dump).replace("alembic_version", table));
        return copy.toString();
    }

    @Test
    void aVersionTableEnvPyNamesIsTheRunnersBookkeepingNotTheSchemaAndTheBaselineIsStampedIntoIt(@TempDir Path copy)
            throws IOException {
        String project = withVersionTable(copy, "league_schema_version");
        assertThat(Files.readString(copy.resolve("migrations/env.py"))).contains("version_table=\"league_schema_version\"");
        Cli.Result full = Cli.run("rehearse", project, "--format", "json");
        assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
        assertThat(full.out()).doesNotContain("league_schema_version");
        assertThat(findings(full.json(), "data-loss")).isEmpty();
        assertThat(full.json().get("rehearsal").get("migrations").get(0).get("changes").toString())
                .isEqualTo("[\"sequence players_id_seq added\",\"table players added\"]");

        Cli.Result fromProduction = Cli.run("rehearse", project, "--baseline", project + "/prod-schema-0001.sql",
                "--from", "0001", "--format", "json");
        assertThat(fromProduction.exitCode()).as(fromProduction.err()).isEqualTo(1);
        JsonNode runs = fromProduction.json().get("rehearsal").get("migrations");
        assertThat(runs).hasSize(3);
        runs.forEach(run -> assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("applied"));
        assertThat(findings(fromProduction.json(), "migration-failed")).isEmpty();
        assertThat(findings(fromProduction.json(), "branch-order-dependent")).hasSize(1);
    }
}
