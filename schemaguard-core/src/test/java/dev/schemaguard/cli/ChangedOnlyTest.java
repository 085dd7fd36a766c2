package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The changed-only gate: {@code --since REF} judges what changed since the merge base while the whole history builds
 * the schema; {@code migrations.judge_from}; a findings baseline; and the errors a user can make with them.
 */
class ChangedOnlyTest {

    @TempDir
    Path dir;

    private ProjectBuilder project;
    private GitRepository git;

    /** An old history with findings of its own (a type created unguarded, an index built in a transaction), on main. */
    @BeforeEach
    void oldHistoryOnMain() {
        project = new ProjectBuilder(dir)
                .file("db/migrations/0001_create_orders.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n"
                        + "CREATE TABLE orders (id bigint PRIMARY KEY, region region, total numeric);\n")
                .file("db/migrations/0002_index_orders.sql", "CREATE INDEX orders_total ON orders (total);\n");
        git = GitRepository.init(dir);
        git.commitAll("the old history");
        git.git("checkout", "-q", "-b", "feature");
    }

    private static List<String> findings(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("findings").forEach(f -> out.add(f.get("rule").asText() + ":" + f.get("severity").asText() + ":"
                + f.get("migration").asText()));
        return out;
    }

    @Test
    void onlyTheNewMigrationIsJudgedButTheOldOnesBuildTheSchemaItIsJudgedAgainst() {
        project.file("db/migrations/0003_regions_again.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n");
        git.commitAll("a new migration");
        Cli.Result all = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(findings(all.json())).anyMatch(f -> f.endsWith(":0001")).anyMatch(f -> f.endsWith(":0002"));

        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--since", "main", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        // 0001 created the type: the new migration's CREATE TYPE is certain to fail, an error only the whole
        // history can tell.
        assertThat(findings(r.json())).contains("unguarded-create-type:error:0003")
                .allMatch(f -> f.endsWith(":0003"));
        JsonNode scope = r.json().get("scope");
        assertThat(scope.get("since").asText()).isEqualTo("main");
        assertThat(scope.get("merge_base").asText()).isEqualTo(git.git("rev-parse", "main").strip());
        assertThat(scope.get("judged")).hasSize(1);
        assertThat(scope.get("judged").get(0).asText()).isEqualTo("0003");
        assertThat(scope.get("findings_not_judged").asInt())
                .isEqualTo(all.json().get("findings").size() - countOf(all.json(), "0003"));
        assertThat(r.json().get("summary").get("migrations").asInt()).isEqualTo(3);

        Cli.Result text = Cli.run("check", dir.toString(), "--static", "--since", "main");
        assertThat(text.out()).contains("judged 1 of 3 migrations, those added or changed since main (merge base ")
                .contains("0003; the others build the schema they are judged against, and their ");
    }

    private static int countOf(JsonNode json, String migration) {
        int n = 0;
        for (JsonNode f : json.get("findings")) {
            n += f.get("migration").asText().equals(migration) ? 1 : 0;
        }
        return n;
    }

    @Test
    void anOldMigrationThatStopsTheRehearsalBeforeTheNewOneIsReportedNotPassedOver() {
        project.file("db/migrations/0002_index_orders.sql", "CREATE INDEX orders_total ON no_such_table (total);\n");
        git.commitAll("an old migration that fails on a database built from the history");
        git.git("branch", "-f", "main", "HEAD");
        project.file("db/migrations/0003_add_note.sql", "SET lock_timeout = '5s';\n"
                + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--since", "main", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(findings(r.json())).contains("migration-failed:error:0002");
        assertThat(r.json().get("findings").toString()).contains("1 later migration could not be rehearsed: 0003")
                .doesNotContain("index-not-concurrent");
    }

    @Test
    void uncommittedAndUntrackedMigrationsAreJudgedToo() {
        project.file("db/migrations/0003_regions_again.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n");
        Cli.Result r = Cli.run("lint", dir.toString(), "--since", "main", "--format", "json");
        assertThat(findings(r.json())).contains("unguarded-create-type:error:0003");
        assertThat(r.json().get("scope").get("judged").get(0).asText()).isEqualTo("0003");
    }

    @Test
    void nothingChangedIsAPassThatSaysItJudgedNothing() {
        Cli.Result r = Cli.run("lint", dir.toString(), "--since", "main");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("judged 0 of 2 migrations").contains("passed");
    }

    @Test
    void anEditedOldMigrationIsJudgedAndIsAFindingItself() {
        project.file("db/migrations/0002_index_orders.sql",
                "CREATE INDEX orders_total ON orders (total);\nCREATE INDEX orders_region ON orders (region);\n");
        Cli.Result r = Cli.run("lint", dir.toString(), "--since", "main", "--format", "json", "--fail-on", "warning");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(findings(r.json())).contains("modified-applied-migration:warning:0002")
                .allMatch(f -> f.endsWith(":0002"));
        assertThat(r.json().get("findings").toString()).contains("migration 0002 existed at main and its up was "
                + "changed");
    }

    @Test
    void aMigrationMovedUnchangedIsNoChangeAndARenamedOneIsAFinding() throws IOException {
        Files.createDirectories(dir.resolve("db/migrations"));
        git.git("mv", "db/migrations/0002_index_orders.sql", "db/migrations/0003_index_orders.sql");
        Cli.Result r = Cli.run("lint", dir.toString(), "--since", "main", "--format", "json");
        assertThat(findings(r.json())).contains("modified-applied-migration:warning:0003");
        assertThat(r.json().get("findings").toString()).contains("migration 0003 was migration 0002 "
                + "(db/migrations/0002_index_orders.sql) at main");
    }

    @Test
    void theSinceErrorsAreOneLineAndExitTwo() throws IOException {
        Cli.Result unknown = Cli.run("check", dir.toString(), "--static", "--since", "origin/nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("schemaguard: error: --since origin/nope: no such revision in the git "
                + "repository at ").contains("fetch-depth: 0").doesNotContain("Exception");

        Path elsewhere = Files.createTempDirectory(dir.getParent(), "no-git");
        new ProjectBuilder(elsewhere).file("db/migrations/0001_a.sql", "SELECT 1;\n");
        Cli.Result noRepository = Cli.run("lint", elsewhere.toString(), "--since", "main");
        assertThat(noRepository.exitCode()).isEqualTo(2);
        assertThat(noRepository.err()).startsWith("schemaguard: error: --since main needs a git repository, and ")
                .contains("is in none");

        Cli.Result files = Cli.run("lint", dir.resolve("db/migrations/0001_create_orders.sql").toString(), "--since",
                "main");
        assertThat(files.exitCode()).isEqualTo(2);
        assertThat(files.err()).contains("--since judges the migrations of a project that changed");
    }

    @Test
    void judgeFromLeavesOutTheFindingsOfWhatCameBeforeIt() {
        project.file("schemaguard.yml", "migrations:\n  judge_from: \"0002\"\n");
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(findings(r.json())).isNotEmpty().allMatch(f -> f.endsWith(":0002"));
        assertThat(r.json().get("scope").get("judge_from").asText()).isEqualTo("0002");

        // Unquoted, the id is read as written, leading zeros kept.
        project.file("schemaguard.yml", "migrations:\n  judge_from: 0002\n");
        assertThat(findings(Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never").json()))
                .isNotEmpty().allMatch(f -> f.endsWith(":0002"));

        project.file("schemaguard.yml", "migrations:\n  judge_from: \"0020\"\n");
        Cli.Result unknown = Cli.run("lint", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("schemaguard: error: ").contains("schemaguard.yml:2: migrations.judge_from: "
                + "no migration has the id '0020'");
    }

    @Test
    void aBaselineAcceptsTheOldFindingsAndOnlyNewOnesFail() throws IOException {
        Path baseline = dir.resolve("schemaguard-baseline.json");
        Cli.Result write = Cli.run("lint", dir.toString(), "--fail-on", "info", "--write-baseline", baseline.toString(),
                "--format", "json");
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.err()).contains("wrote ");
        assertThat(findings(write.json())).isEmpty();
        int accepted = write.json().get("scope").get("findings_accepted").asInt();
        assertThat(accepted).isPositive();
        assertThat(Files.readString(baseline)).startsWith("{\n  \"schemaguard_baseline\" : 1,");

        // Lines move above an accepted finding: it stays accepted. A new finding fails.
        project.file("db/migrations/0002_index_orders.sql", "-- the total's index\n"
                + "CREATE INDEX orders_total ON orders (total);\n");
        project.file("db/migrations/0003_regions_again.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n");
        Cli.Result later = Cli.run("lint", dir.toString(), "--baseline-findings", baseline.toString(), "--format",
                "json");
        assertThat(later.exitCode()).isEqualTo(1);
        assertThat(findings(later.json())).allMatch(f -> f.endsWith(":0003")).contains("unguarded-create-type:error:0003");
        assertThat(later.json().get("scope").get("findings_accepted").asInt()).isEqualTo(accepted);

        Files.writeString(baseline, "{\"findings\": 3}");
        Cli.Result bad = Cli.run("lint", dir.toString(), "--baseline-findings", baseline.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("schemaguard-baseline.json: not a findings baseline");
        Cli.Result missing = Cli.run("lint", dir.toString(), "--baseline-findings", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: baseline file not found");
    }
}
