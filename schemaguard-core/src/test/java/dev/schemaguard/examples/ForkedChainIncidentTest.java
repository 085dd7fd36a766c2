package dev.schemaguard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002: the revision graph forked at 018 (019 and 020 both revise 018; 022 merges 019 and 021);
 * production stamped at 018 crash-looped; reviewers disagreed whether e09c9e678004 was an orphan.
 * The example project reproduces that history.
 */
class ForkedChainIncidentTest {

    static final Path EXAMPLE = Path.of("examples/alembic-fork");

    @TempDir
    Path scratch;

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theGraphIsExactlyTheIncidentsGraph() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode graph = r.json().get("graph");
        assertThat(texts(graph.get("roots"))).containsExactly("001");
        assertThat(texts(graph.get("heads"))).as("exactly one head").containsExactly("025");
        assertThat(graph.get("forks")).hasSize(1);
        assertThat(graph.get("forks").get(0).get("at").asText()).isEqualTo("018");
        assertThat(texts(graph.get("forks").get(0).get("children"))).containsExactly("019", "020");
        assertThat(graph.get("forks").get(0).get("merged_at").asText()).isEqualTo("022");
        assertThat(texts(graph.get("merges"))).containsExactly("022");
        assertThat(graph.get("missing_parents")).isEmpty();
        assertThat(graph.get("cycles")).isEmpty();
        assertThat(graph.get("duplicates")).isEmpty();
        assertThat(r.json().get("migrations")).hasSize(25);
    }

    @Test
    void theTextExplainsTheForkTheMergeAndTheHashNamedRevision() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString());
        assertThat(r.out())
                .contains("019 and 020 both revise 018; the branches merge at 022")
                .contains("022 merges 019 and 021")
                .contains("heads:  025  (exactly one head")
                .contains("005 → e09c9e678004 → 007")
                .contains("e09c9e678004 is named unlike the other ids; it lies between 005 and 007")
                .contains("not an orphan");
    }

    @Test
    void fromProductionsStampTheUpgradeRunsBothBranchesThenTheMerge() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString(), "--stamp", "018", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(texts(r.json().get("upgrade").get("pending")))
                .containsExactly("019", "020", "021", "022", "023", "024", "025");
    }

    @Test
    void deletingTheSupposedOrphanBreaksTheChainFrom007On() throws IOException {
        Path copy = copyExample();
        Files.delete(copy.resolve("alembic/versions/e09c9e678004_add_division_column_to_players.py"));
        Cli.Result r = Cli.run("graph", copy.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode missing = r.json().get("graph").get("missing_parents");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).get("migration").asText()).isEqualTo("007");
        assertThat(missing.get(0).get("parent").asText()).isEqualTo("e09c9e678004");
        JsonNode finding = r.json().get("findings").findParents("rule").stream()
                .filter(f -> f.get("rule").asText().equals("missing-parent")).findFirst().orElseThrow();
        assertThat(finding.get("file").asText()).isEqualTo("alembic/versions/007_add_email_log_table.py");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
    }

    @Test
    void withoutTheMergeRevisionTheForkIsAnErrorAndTheHeadsAreNamed() throws IOException {
        Path copy = copyExample();
        try (Stream<Path> files = Files.list(copy.resolve("alembic/versions"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("02[2-5]_.*")).toList()) {
                Files.delete(f);
            }
        }
        Cli.Result r = Cli.run("graph", copy.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(texts(r.json().get("graph").get("heads"))).containsExactly("019", "021");
        List<String> rules = new ArrayList<>();
        r.json().get("findings").forEach(f -> rules.add(f.get("rule").asText() + ":" + f.get("severity").asText()));
        assertThat(rules).contains("multiple-heads:error", "fork:error");
    }

    private Path copyExample() throws IOException {
        Path target = scratch.resolve("alembic-fork");
        try (Stream<Path> all = Files.walk(EXAMPLE)) {
            for (Path source : all.toList()) {
                Path dest = target.resolve(EXAMPLE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
