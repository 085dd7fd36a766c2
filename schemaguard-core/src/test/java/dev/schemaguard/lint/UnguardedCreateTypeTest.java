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
 * unguarded-create-type is an error only when the type exists where the statement runs: histories that ran in
 * production for years free the name first (crates.io drops and re-creates a composite type; Lemmy and formbricks
 * rename an enum away and create its replacement under the old name).
 */
class UnguardedCreateTypeTest {

    @TempDir
    Path dir;

    private List<JsonNode> findings() {
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.findings("unguarded-create-type");
    }

    @Test
    void aTypeDroppedEarlierInTheSameMigrationIsFreeToCreate() {
        new ProjectBuilder(dir).file("db/migrations/0001_triple.sql", "CREATE TYPE semver_triple AS (major numeric);\n")
                .file("db/migrations/0002_fix.sql", "DROP TYPE semver_triple;\n\n"
                        + "CREATE TYPE semver_triple AS (major numeric, minor numeric);\n");
        assertThat(findings()).filteredOn(f -> f.get("file").asText().endsWith("0002_fix.sql"))
                .singleElement().satisfies(f -> assertThat(f.get("severity").asText()).isEqualTo("info"));
    }

    @Test
    void aTypeRenamedAwayLeavesItsNameFreeAndTheNewNameTaken() {
        new ProjectBuilder(dir).file("db/migrations/0001_visibility.sql",
                        "CREATE TYPE community_visibility AS ENUM ('Public', 'LocalOnly');\n")
                .file("db/migrations/0002_hidden.sql",
                        "ALTER TYPE community_visibility RENAME TO community_visibility__;\n\n"
                                + "CREATE TYPE community_visibility AS ENUM ('Public', 'LocalOnly', 'Hidden');\n")
                .file("db/migrations/0003_again.sql",
                        "CREATE TYPE community_visibility__ AS ENUM ('Public');\n");
        List<JsonNode> found = findings();
        assertThat(found).filteredOn(f -> f.get("file").asText().endsWith("0002_hidden.sql"))
                .singleElement().satisfies(f -> assertThat(f.get("severity").asText()).isEqualTo("info"));
        assertThat(found).filteredOn(f -> f.get("file").asText().endsWith("0003_again.sql"))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("severity").asText()).isEqualTo("error");
                    assertThat(f.get("message").asText()).contains("migration 0001 already created it");
                });
    }
}
