package dev.schemaguard.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeds 000 and 001: consumers' queries found, the registry generated, and migrations that break them failed. */
class ConsumersTest {

    private static final String LEAGUE = "src/test/resources/consumers/consumer-breaking-change";

    static List<JsonNode> findings(JsonNode report, String rule) {
        return new Cli.Result(0, report.toString(), "").findings(rule);
    }


    @Test
    void seed000TheDroppedTeamIdBreaksThePortalAtTheConsumersLine() {
        Cli.Result r = Cli.run("check", "examples/alembic-fork", "--static", "--format", "json");
        List<JsonNode> broken = findings(r.json(), "consumer-breaking-change");
        assertThat(broken).hasSize(1);
        JsonNode f = broken.get(0);
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("migration").asText()).isEqualTo("019");
        assertThat(f.get("file").asText()).isEqualTo("alembic/versions/019_player_teams_junction.py");
        assertThat(f.get("line").asInt()).isEqualTo(41);
        assertThat(f.get("message").asText()).contains("players.team_id").contains("contracts-portal");
        JsonNode evidence = f.get("evidence").get(0);
        assertThat(evidence.get("consumer").asText()).isEqualTo("contracts-portal");
        assertThat(evidence.get("file").asText()).isEqualTo("src/routes/contract/[token]/+page.server.ts");
        assertThat(evidence.get("line").asInt()).isEqualTo(22);
    }

    @Test
    void seed001TheRegistryHasWhatTheHandWrittenOneMissed() {
        Cli.Result r = Cli.run("consumers", "examples/alembic-fork", "--format", "markdown");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1); // the breaking change above
        assertThat(r.out())
                .contains("| `date_of_birth` | contracts-portal | read (via players.*) | "
                        + "`src/routes/contract/[token]/+page.server.ts:40` |")
                .contains("| `custom_notes` | contracts-portal | read (via players.*) | "
                        + "`src/routes/contract/[token]/+page.server.ts:53` |")
                .contains("## outbox")
                .contains("| *(table)* | contracts-portal | write | `src/routes/contract/[token]/sign/+server.ts:60` |")
                .contains("| `team_id` | contracts-portal | read | `src/routes/contract/[token]/+page.server.ts:22` |");
    }

    @Test
    void checkFailsWhenTheCheckedInRegistryIsStale(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("shared-tables.md");
        assertThat(Cli.run("consumers", LEAGUE, "--format", "markdown", "--output", registry.toString()).exitCode())
                .isEqualTo(1);
        Cli.Result current = Cli.run("consumers", LEAGUE, "--check", registry.toString());
        assertThat(current.exitCode()).as(current.err()).isZero();
        Cli.Result sameProjectByAbsolutePath = Cli.run("consumers", Path.of(LEAGUE).toAbsolutePath().toString(),
                "--check", registry.toString());
        assertThat(sameProjectByAbsolutePath.exitCode()).as(sameProjectByAbsolutePath.err()).isZero();
        Files.writeString(registry, Files.readString(registry).replace("| `team_id` | jobs | read |", "| `team_id` | jobs | write |"));
        Cli.Result stale = Cli.run("consumers", LEAGUE, "--check", registry.toString());
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("is stale").contains("Regenerate it with");
        Cli.Result missing = Cli.run("consumers", LEAGUE, "--check", dir.resolve("none.md").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    @Test
    void aDropNoConsumerUsesIsNoConsumerFindingAndEveryConsumerIsNamed() {
        Cli.Result r = Cli.run("check", LEAGUE, "--static", "--format", "json");
        List<JsonNode> broken = findings(r.json(), "consumer-breaking-change").stream()
                .filter(f -> f.get("migration").asText().equals("0003")).toList();
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).get("line").asInt()).isEqualTo(2);
        List<String> evidence = new ArrayList<>();
        broken.get(0).get("evidence").forEach(e -> evidence.add(e.get("consumer").asText() + " " + e.get("file").asText()
                + ":" + e.get("line").asInt()));
        assertThat(evidence).containsExactlyInAnyOrder("portal src/roster.ts:12", "jobs nightly.py:8");
        // 0002 drops a column nobody reads: the static drop-column warning, and no consumer finding.
        assertThat(findings(r.json(), "consumer-breaking-change")).noneMatch(f -> f.get("migration").asText().equals("0002"));
        assertThat(findings(r.json(), "drop-column")).anyMatch(f -> f.get("migration").asText().equals("0002"));
    }

    @Test
    void uiCopyIsNoQueryTheConsumersOwnTablesAreListedAndAnUnreadableFileIsSkipped() {
        Cli.Result r = Cli.run("consumers", LEAGUE, "--format", "json");
        JsonNode json = r.json();
        List<String> queries = new ArrayList<>();
        json.get("queries").forEach(q -> queries.add(q.get("consumer").asText() + " " + q.get("file").asText()));
        assertThat(queries).containsExactly("portal src/profile.ts", "portal src/profile.ts", "portal src/roster.ts",
                "jobs nightly.py", "jobs nightly.py");
        assertThat(json.get("own_tables").toString()).contains("job_audit");
        assertThat(json.get("problems").toString()).contains("broken.ts");
        assertThat(r.err()).contains("broken.ts");
    }

    @Test
    void duringTheRehearsalEveryQueryIsPreparedOnTheRealSchemaAfterEachMigration() {
        Cli.Result r = Cli.run("check", LEAGUE, "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<JsonNode> broken = findings(r.json(), "consumer-breaking-change").stream()
                .filter(f -> f.get("migration").asText().equals("0003")).toList();
        List<String> seen = new ArrayList<>();
        broken.forEach(f -> seen.add(f.get("migration").asText() + " " + f.get("evidence").get(0).get("consumer").asText()
                + " " + f.get("evidence").get(0).get("file").asText() + ":" + f.get("evidence").get(0).get("line").asInt()));
        assertThat(seen).containsExactlyInAnyOrder("0003 portal src/roster.ts:12", "0003 jobs nightly.py:8");
        assertThat(broken).allSatisfy(f -> assertThat(f.get("message").asText())
                .contains("no longer runs: ERROR 42703: column p.team_id does not exist"));
    }

    @Test
    void aColumnReadOnlyFromTheRowsOfAStarSelectAndATableWrittenAreCheckedToo() {
        for (String mode : List.of("--static", "--fail-on=error")) {
            Cli.Result r = Cli.run("check", LEAGUE, mode, "--format", "json");
            List<String> seen = new ArrayList<>();
            findings(r.json(), "consumer-breaking-change").forEach(f -> seen.add(f.get("migration").asText() + " "
                    + f.get("evidence").get(0).get("file").asText() + ":" + f.get("evidence").get(0).get("line").asInt()));
            // SELECT p.* still prepares after 0004: the member read player.date_of_birth is what breaks.
            assertThat(seen).as(mode).contains("0004 src/profile.ts:6", "0005 src/profile.ts:11");
        }
    }

    @Test
    void aSuppressionAboveTheRemovingStatementSilencesTheStaticFindingToo(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: portal\n    path: services/portal\n")
                .file("db/migrations/0001_create_players.sql", "CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint);\n")
                .file("db/migrations/0002_drop_team_id.sql", """
                        SET lock_timeout = '5s';
                        -- schemaguard:ignore consumer-breaking-change the portal's release 4.1 stops reading it first
                        -- schemaguard:ignore drop-column the portal's release 4.1 stops reading it first
                        ALTER TABLE players DROP COLUMN team_id;
                        """)
                .file("services/portal/roster.ts", "export const roster = sql`SELECT id, team_id FROM players`;\n");
        Cli.Result suppressed = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(suppressed.exitCode()).as(suppressed.err()).isZero();
        assertThat(suppressed.findings("consumer-breaking-change")).isEmpty();

        new ProjectBuilder(dir).file("db/migrations/0002_drop_team_id.sql",
                "SET lock_timeout = '5s';\nALTER TABLE players DROP COLUMN team_id;\n");
        Cli.Result reported = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(reported.exitCode()).isEqualTo(1);
        assertThat(reported.findings("consumer-breaking-change")).hasSize(1);
    }
}
