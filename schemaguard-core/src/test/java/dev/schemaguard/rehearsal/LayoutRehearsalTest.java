package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.config.Config;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each layout's migrations replayed on the embedded PostgreSQL with the transaction semantics of its runner: the
 * layout fixtures apply in full (their CONCURRENTLY indexes included, which only run outside a transaction block),
 * and a migration its runner would wrap in a transaction fails as it would in production.
 */
class LayoutRehearsalTest {

    private static final String LAYOUTS = "schemaguard-core/src/test/resources/layouts/";

    @TempDir
    Path dir;

    private static JsonNode rehearse(String project) {
        Cli.Result r = Cli.run("rehearse", project, "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        return r.json();
    }

    private static List<String> outcomes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("rehearsal").get("migrations").forEach(m -> out.add(m.get("id").asText() + ":"
                + m.get("outcome").asText()));
        return out;
    }

    @Test
    void everyLayoutFixtureAppliesInFullWithItsRunnersSemantics() {
        for (String layout : List.of("diesel", "folder-dag", "prisma", "flyway", "golang-migrate", "goose", "sqitch")) {
            JsonNode report = rehearse(LAYOUTS + layout);
            assertThat(outcomes(report)).as(layout).isNotEmpty().allMatch(o -> o.endsWith(":applied"));
            assertThat(new Cli.Result(0, report.toString(), "").findings("migration-failed")).as(layout).isEmpty();
            assertThat(new Cli.Result(0, report.toString(), "").findings("down-failed")).as(layout).isEmpty();
        }
    }

    @Test
    void aSqitchProjectWhoseScriptsUsePsqlCommandsIsNotRehearsedAndSaysWhy() {
        new ProjectBuilder(dir).file("sqitch.conf", "[core]\n\tengine = pg\n")
                .file("sqitch.plan", "%project=p\n\nroles 2024-01-01T00:00:00Z A <a@example.com> # roles\n")
                .file("deploy/roles.sql", "\\set reader `cat /run/secrets/reader`\nCREATE ROLE :\"reader\";\n");
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("rehearsal").get("skipped").asText())
                .contains("sqitch runs deploy scripts with psql, and 1 uses psql's own commands (roles)");
        assertThat(r.findings("migration-failed")).isEmpty();
        Cli.Result lint = Cli.run("lint", dir.toString(), "--format", "json");
        assertThat(lint.findings("unrecognized-statement")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("info"));
    }

    @Test
    void aFlaskMigrateProjectIsNotRehearsedWithoutItsApplicationAndSaysWhy() {
        Cli.Result r = Cli.run("check", LAYOUTS + "flask-migrate", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("rehearsal").get("skipped").asText())
                .startsWith("env.py takes its database from the Flask application");
    }

    @Test
    void anAlembicIniBesideTheMigrationsFolderIsTheOneTheRehearsalRuns() {
        var alembic = AlembicExecutor.availability(Path.of(LAYOUTS + "airflow-style"),
                new Config.Alembic(null, null, null));
        assumeTrue(alembic.available(), alembic.problem());
        JsonNode report = rehearse(LAYOUTS + "airflow-style");
        assertThat(outcomes(report)).containsExactly("e3a246e0dc1:applied", "1507a7289a2f:applied");
    }

    private ProjectBuilder dagMigration(ProjectBuilder project, String id, String parents, String up) {
        return project.file("migrations/" + id + "/up.sql", up).file("migrations/" + id + "/down.sql", "-- Nothing\n")
                .file("migrations/" + id + "/metadata.yaml", "name: m" + id + "\nparents: [" + parents + "]\n");
    }

    @Test
    void aMigrationMergingSomeBranchesOfAForkIsAppliedAfterThemInBothOrders() {
        // 1 forks into 2, 3 and 4; 5 merges 2 and 3 early, 6 merges 5 and 4 (Sourcegraph's history has such shapes):
        // 5 can only ever run after both 2 and 3, whatever the order of the branches
        ProjectBuilder project = new ProjectBuilder(dir);
        dagMigration(project, "1", "", "CREATE TABLE IF NOT EXISTS a (id int);\n");
        dagMigration(project, "2", "1", "CREATE TABLE IF NOT EXISTS b (id int);\n");
        dagMigration(project, "3", "1", "CREATE TABLE IF NOT EXISTS c (id int);\n");
        dagMigration(project, "4", "1", "CREATE TABLE IF NOT EXISTS d (id int);\n");
        dagMigration(project, "5", "2, 3", "CREATE OR REPLACE VIEW bc AS SELECT b.id FROM b JOIN c USING (id);\n");
        dagMigration(project, "6", "4, 5", "CREATE OR REPLACE VIEW bcd AS SELECT bc.id FROM bc JOIN d USING (id);\n");
        JsonNode report = rehearse(dir.toString());
        assertThat(outcomes(report)).allMatch(o -> o.endsWith(":applied"));
        assertThat(new Cli.Result(0, report.toString(), "").findings("branch-order-dependent")).isEmpty();
    }

    @Test
    void aDieselMigrationWithoutRunInTransactionFalseFailsOnAConcurrentIndex() {
        new ProjectBuilder(dir).file("migrations/2020-01-01-000000_t/up.sql", "CREATE TABLE t (a int);\n")
                .file("migrations/2020-01-02-000000_index/up.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n");
        JsonNode report = rehearse(dir.toString());
        List<JsonNode> failed = new Cli.Result(0, report.toString(), "").findings("migration-failed");
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.get("migration").asText()).isEqualTo("2020-01-02-000000");
            assertThat(f.get("message").asText()).contains("cannot run inside a transaction block");
        });
    }
}
