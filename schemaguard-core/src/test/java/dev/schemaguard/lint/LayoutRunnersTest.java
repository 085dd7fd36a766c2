package dev.schemaguard.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a statement PostgreSQL refuses in a transaction block runs in one depends on the runner: each layout's
 * runner, as its documentation describes it, decides concurrent-in-transaction, never a guess from the SQL.
 */
class LayoutRunnersTest {

    private static final String INDEX = "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_b_idx ON t (b);\n";
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS t (a int, b int);\n";

    @TempDir
    Path dir;

    private ProjectBuilder project() {
        return new ProjectBuilder(dir);
    }

    private List<JsonNode> concurrentInTransaction() {
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.findings("concurrent-in-transaction");
    }

    @Test
    void dieselRunsAMigrationInATransactionUnlessMetadataTomlSaysOtherwise() {
        project().file("migrations/2020-01-01-000000_t/up.sql", TABLE)
                .file("migrations/2020-01-02-000000_index/up.sql", INDEX);
        assertThat(concurrentInTransaction()).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).contains("diesel runs each migration in a "
                        + "transaction unless its metadata.toml says run_in_transaction = false"));
        project().file("migrations/2020-01-02-000000_index/metadata.toml", "run_in_transaction = false\n");
        assertThat(concurrentInTransaction()).isEmpty();
    }

    @Test
    void dieselWithoutATransactionStillSendsSeveralStatementsAsOneImplicitTransaction() {
        project().file("migrations/2020-01-01-000000_t/up.sql", TABLE)
                .file("migrations/2020-01-02-000000_index/up.sql", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n" + INDEX)
                .file("migrations/2020-01-02-000000_index/metadata.toml", "run_in_transaction = false\n");
        assertThat(concurrentInTransaction()).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).contains("one implicit transaction"));
    }

    /** Ory Kratos runs its index migrations with popx, whose .autocommit. files run without a transaction. */
    @Test
    void popRunsAnAutocommitMigrationWithoutATransaction() throws java.io.IOException {
        project().file("migrations/1_t.up.sql", TABLE)
                .file("migrations/2_index.up.sql", "DROP INDEX IF EXISTS t_a_idx;\n" + INDEX);
        assertThat(concurrentInTransaction()).hasSize(1);
        java.nio.file.Files.delete(dir.resolve("migrations/2_index.up.sql"));
        project().file("migrations/2_index.autocommit.up.sql", "DROP INDEX IF EXISTS t_a_idx;\n" + INDEX);
        assertThat(concurrentInTransaction()).isEmpty();
    }

    @Test
    void gooseHonoursNoTransaction() {
        project().file("migrations/00001_t.sql", "-- +goose Up\n" + TABLE)
                .file("migrations/00002_index.sql", "-- +goose Up\n" + INDEX + "-- +goose Down\nDROP INDEX t_b_idx;\n");
        assertThat(concurrentInTransaction()).hasSize(1);
        project().file("migrations/00002_index.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + INDEX);
        assertThat(concurrentInTransaction()).isEmpty();
    }

    @Test
    void prismaRunsAMigrationOfSeveralStatementsAsOneTransaction() {
        project().file("prisma/migrations/20230101000000_t/migration.sql", TABLE)
                .file("prisma/migrations/20230102000000_index/migration.sql", INDEX);
        assertThat(concurrentInTransaction()).isEmpty();
        project().file("prisma/migrations/20230102000000_index/migration.sql",
                "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n" + INDEX);
        assertThat(concurrentInTransaction()).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).contains("Prisma Migrate sends migration.sql "
                        + "as one script"));
    }

    @Test
    void aFolderDagMigrationRunsOutsideATransactionOnlyWhenItsMetadataSaysSo() {
        project().file("migrations/1/up.sql", TABLE).file("migrations/1/down.sql", "-- Nothing\n")
                .file("migrations/1/metadata.yaml", "name: t\nparents: []\n")
                .file("migrations/2/up.sql", INDEX).file("migrations/2/down.sql", "DROP INDEX IF EXISTS t_b_idx;\n")
                .file("migrations/2/metadata.yaml", "name: index\nparents: [1]\n");
        assertThat(concurrentInTransaction()).hasSize(1);
        project().file("migrations/2/metadata.yaml", "name: index\nparents: [1]\ncreateIndexConcurrently: true\n");
        assertThat(concurrentInTransaction()).isEmpty();
    }

    @Test
    void sqitchRunsDeployScriptsWithPsqlSoOnlyTheScriptsOwnBeginMakesATransaction() {
        project().file("sqitch.conf", "[core]\n\tengine = pg\n")
                .file("sqitch.plan", "%syntax-version=1.0.0\n%project=p\n\n"
                        + "t 2024-01-01T00:00:00Z A <a@example.com> # table\n"
                        + "index [t] 2024-01-02T00:00:00Z A <a@example.com> # index\n")
                .file("deploy/t.sql", "BEGIN;\n" + TABLE + "COMMIT;\n")
                .file("deploy/index.sql", INDEX);
        assertThat(concurrentInTransaction()).isEmpty();
        project().file("deploy/index.sql", "BEGIN;\n" + INDEX + "COMMIT;\n");
        assertThat(concurrentInTransaction()).hasSize(1);
    }
}
