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

/** {@code -- schemaguard:ignore}: per statement, per file, unused, without a reason. */
class SuppressionsTest {

    @TempDir
    Path dir;

    private List<String> lint(String sql) {
        new ProjectBuilder(dir).file("migrations/0001_setup.sql", "CREATE TABLE IF NOT EXISTS players (id int, team_id int, name text);\n")
                .file("migrations/0002_change.sql", sql);
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.json().get("findings")) {
            // missing-lock-timeout fires on these snippets too; it is not what these tests are about.
            if (f.get("file").asText().endsWith("0002_change.sql") && !f.get("rule").asText().equals("missing-lock-timeout")) {
                out.add(f.get("rule").asText() + ":" + f.get("line").asInt());
            }
        }
        return out;
    }

    @Test
    void aSuppressionAboveAStatementSilencesThatStatementOnly() {
        assertThat(lint("""
                -- schemaguard:ignore drop-column nobody has read team_id since the junction table shipped
                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                ALTER TABLE players DROP COLUMN IF EXISTS name;
                """)).containsExactly("drop-column:3");
    }

    @Test
    void aSuppressionAtTheTopOfTheFileSilencesTheFile() {
        assertThat(lint("""
                -- schemaguard:ignore drop-column both columns were moved to player_teams in release 41

                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                ALTER TABLE players DROP COLUMN IF EXISTS name;
                """)).isEmpty();
    }

    @Test
    void aSuppressionThatSilencesNothingIsReported() {
        assertThat(lint("""
                -- schemaguard:ignore drop-table this migration drops nothing, the comment is stale
                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                """)).containsExactlyInAnyOrder("unused-suppression:1", "drop-column:2");
    }

    @Test
    void aSuppressionWithoutAReasonIsReportedAndStillSuppresses() {
        assertThat(lint("""
                -- schemaguard:ignore drop-column
                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                """)).containsExactly("suppression-without-reason:1");
    }

    @Test
    void anUnknownRuleIdInASuppressionIsReported() {
        assertThat(lint("""
                -- schemaguard:ignore drop-colum typo in the rule id
                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                """)).contains("unused-suppression:1", "drop-column:2");
    }

    @Test
    void suppressionsOfRulesThatDidNotRunAreNotJudged() {
        assertThat(lint("""
                -- schemaguard:ignore data-loss the rows are copied to player_teams first
                ALTER TABLE players DROP COLUMN IF EXISTS team_id;
                """)).containsExactly("drop-column:2");
    }
}
