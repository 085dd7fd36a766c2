package dev.schemaguard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004: a plain-SQL project where every migration has a down migration. */
class ExpandContractExampleTest {

    static final Path EXAMPLE = Path.of("examples/sql-expand-contract");

    @Test
    void readsEveryMigrationWithItsDown() {
        Cli.Result r = Cli.run("check", "--static", EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("format").asText()).isEqualTo("sql");
        assertThat(json.get("migrations_path").asText()).isEqualTo("db/migrations");
        assertThat(json.get("migrations").size()).isGreaterThanOrEqualTo(8);
        json.get("migrations").forEach(m -> assertThat(m.get("has_down").asBoolean())
                .as("down file of %s", m.get("id").asText()).isTrue());
        assertThat(json.get("migrations").get(0).get("id").asText()).isEqualTo("0000");
        assertThat(json.get("graph").get("heads")).hasSize(1);
        // The contract step drops the old column: a warning until consumer analysis can prove nobody reads it.
        assertThat(json.get("findings")).hasSize(1);
        JsonNode drop = json.get("findings").get(0);
        assertThat(drop.get("rule").asText()).isEqualTo("drop-column");
        assertThat(drop.get("severity").asText()).isEqualTo("warning");
        assertThat(drop.get("file").asText()).isEqualTo("db/migrations/0004_contract_drop_outlet.sql");
        assertThat(drop.get("message").asText()).contains("publications.outlet");
    }
}
