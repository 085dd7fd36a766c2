package dev.schemaguard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003: migration 008 issued CREATE TYPE division although migration e09c9e678004 had created it;
 * every pod restart crashed. The static analysis catches it at the right line, naming the earlier migration.
 */
class TypeCreatedTwiceIncidentTest {

    @Test
    void checkFailsAtMigration008NamingTheMigrationThatCreatedTheType() {
        Cli.Result r = Cli.run("check", "--static", ForkedChainIncidentTest.EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        List<JsonNode> errors = new ArrayList<>();
        r.json().get("findings").forEach(f -> {
            if (f.get("severity").asText().equals("error")) {
                errors.add(f);
            }
        });
        // The other error of that history is seed 000's: 019 drops players.team_id, which the portal reads.
        assertThat(errors).extracting(f -> f.get("rule").asText())
                .containsExactlyInAnyOrder("unguarded-create-type", "consumer-breaking-change");
        JsonNode finding = errors.stream().filter(f -> f.get("rule").asText().equals("unguarded-create-type"))
                .findFirst().orElseThrow();
        assertThat(finding.get("rule").asText()).isEqualTo("unguarded-create-type");
        assertThat(finding.get("migration").asText()).isEqualTo("008");
        assertThat(finding.get("file").asText()).isEqualTo("alembic/versions/008_add_team_model.py");
        assertThat(finding.get("line").asInt()).isEqualTo(32);
        assertThat(finding.get("message").asText())
                .contains("type \"division\" already exists")
                .contains("migration e09c9e678004 already created it");
        assertThat(finding.get("fix").asText()).contains("EXCEPTION WHEN duplicate_object");
    }
}
