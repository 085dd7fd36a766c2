package dev.schemaguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleDocs;
import dev.schemaguard.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.schemaguard.testing.Schemas;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.schemaguard.report.ReportFixture.DOWN_REVISION_LINE;
import static dev.schemaguard.report.ReportFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** {@code --format sarif}: SARIF 2.1.0 that code-scanning UIs accept and can track across runs. */
class SarifFormatterTest {

    @TempDir
    Path dir;

    private static JsonNode sarif(Report report) {
        return sarif(report, Locations.ofProject(report.graph().source().projectDir()));
    }

    /** The SARIF of the report, valid by the OASIS schema and consistent. */
    private static JsonNode sarif(Report report, Locations locations) {
        String text = new SarifFormatter(locations).format(report);
        assertThat(text).endsWith("}\n");
        JsonNode root = Schemas.assertSarif(text);
        assertConsistent(root);
        return root;
    }

    private static JsonNode run(JsonNode sarif) {
        return sarif.get("runs").get(0);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void aForkedProjectIsOneRunOfSchemaGuardWithItsRulesAndResults() {
        ReportFixture.forkedProject(dir);
        JsonNode sarif = sarif(ReportFixture.report(dir));

        assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs")).hasSize(1);
        JsonNode driver = run(sarif).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("SchemaGuard");
        assertThat(driver.get("version").asText()).isEqualTo(Version.get());
        assertThat(driver.get("informationUri").asText()).isEqualTo(Version.home()).startsWith("https://");

        // One descriptor per rule with findings, sorted, described by the rule's documentation.
        JsonNode rules = driver.get("rules");
        assertThat(texts(rules, "id")).containsExactly("fork", "multiple-heads");
        for (JsonNode rule : rules) {
            String id = rule.get("id").asText();
            assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo(RuleCatalogue.get(id).summary()).isNotBlank();
            assertThat(rule.get("fullDescription").get("text").asText()).isEqualTo(RuleCatalogue.get(id).summary());
            assertThat(rule.get("help").get("text").asText()).isEqualTo(RuleDocs.markdown(id));
            assertThat(rule.get("help").get("markdown").asText()).isEqualTo(RuleDocs.markdown(id));
            // The rule's document in SchemaGuard's repository, where the jar's copy comes from.
            assertThat(rule.get("helpUri").asText()).isEqualTo(Version.home()
                    + "/blob/main/schemaguard-core/src/main/resources/dev/schemaguard/rules/" + id + ".md");
            assertThat(Path.of("schemaguard-core/src/main/resources/dev/schemaguard/rules/" + id + ".md")).exists();
        }
        assertThat(rules.get(0).get("properties").get("tags").get(0).asText()).isEqualTo("graph");
        // The descriptor's level is the rule's default severity; a result has its own (a merged fork is a note).
        assertThat(rules.get(0).get("defaultConfiguration").get("level").asText()).isEqualTo("error");
        assertThat(rules.get(1).get("defaultConfiguration").get("level").asText()).isEqualTo("error");

        JsonNode results = run(sarif).get("results");
        assertThat(results).hasSize(3);
        // Report order: by file, line, rule.
        assertThat(texts(results, "ruleId")).containsExactly("fork", "fork", "multiple-heads");
        assertThat(texts(results, "level")).containsExactly("note", "error", "error");
        assertThat(texts(results, "ruleIndex")).containsExactly("0", "0", "1");

        JsonNode merged = results.get(0);
        assertThat(merged.get("message").get("text").asText())
                .startsWith("003 and 004 both revise 002; the branches merge at 005.")
                .contains(" Fix: Nothing to do if the branches touch different tables");
        JsonNode location = merged.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo(file("004"));
        assertThat(location.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(DOWN_REVISION_LINE);
        assertThat(merged.get("properties").get("migration").asText()).isEqualTo("004");

        // Evidence: the revisions that make the fork, each where its down_revision is declared.
        JsonNode related = merged.get("relatedLocations");
        assertThat(related).hasSize(2);
        assertThat(texts(related, "id")).containsExactly("1", "2");
        assertThat(related.get(0).get("physicalLocation").get("artifactLocation").get("uri").asText()).isEqualTo(file("003"));
        assertThat(related.get(0).get("physicalLocation").get("artifactLocation").get("uriBaseId").asText())
                .isEqualTo("%SRCROOT%");
        assertThat(related.get(0).get("physicalLocation").get("region").get("startLine").asInt())
                .isEqualTo(DOWN_REVISION_LINE);
        assertThat(related.get(0).get("message").get("text").asText()).isEqualTo("003 revises 002");
        assertThat(related.get(1).get("message").get("text").asText()).isEqualTo("004 revises 002");

        JsonNode heads = results.get(2);
        assertThat(heads.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo(file("007"));
        assertThat(heads.get("relatedLocations")).hasSize(2);
        assertThat(heads.get("relatedLocations").get(1).get("message").get("text").asText()).isEqualTo("head 007");

        assertThat(run(sarif).get("originalUriBaseIds").has("%SRCROOT%")).isTrue();
        assertThat(run(sarif).get("originalUriBaseIds").get("%SRCROOT%").get("description").get("text").asText())
                .isNotBlank();
    }

    @Test
    void ruleIndexPointsAtTheDescriptorOfTheResultsRule() {
        ReportFixture.forkedProject(dir);
        JsonNode run = run(sarif(ReportFixture.report(dir,
                new Finding("unknown-stamp", Severity.INFO, null, null, 0, "stamped 'x'.", "Stamp it.", List.of()),
                new Finding("consumer-breaking-change", Severity.ERROR, "001", file("001"), 3, "m.", "f.", List.of()),
                new Finding("consumer-breaking-change", Severity.WARNING, "006", file("006"), 3, "m.", "f.", List.of()))));
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(texts(rules, "id")).containsExactly("consumer-breaking-change", "fork", "multiple-heads", "unknown-stamp");
        for (JsonNode result : run.get("results")) {
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
        }
        // The rule's default severity, whatever level its results in this run have.
        assertThat(rules.get(0).get("defaultConfiguration").get("level").asText()).isEqualTo("error");
        assertThat(rules.get(3).get("defaultConfiguration").get("level").asText()).isEqualTo("error");
        assertThat(texts(run.get("results"), "level")).containsExactly("note", "error", "note", "warning", "error", "error");
        assertThat(rules.get(0).get("properties").get("tags").get(0).asText()).isEqualTo("breaking");
    }

    @Test
    void aFindingWithoutAFileIsAnchoredAtItsEvidenceAndLineZeroHasNoRegion() {
        ReportFixture.linearProject(dir);
        JsonNode results = run(sarif(ReportFixture.report(dir,
                new Finding("unknown-stamp", Severity.ERROR, null, null, 0, "the database is stamped 'x'.",
                        "Stamp it.", List.of(Evidence.at(file("001"), 9, "revision 001"))),
                new Finding("multiple-heads", Severity.WARNING, "002", file("002"), 0, "whole file.", null,
                        List.of())))).get("results");

        JsonNode noFile = results.get(0);
        assertThat(noFile.get("ruleId").asText()).isEqualTo("unknown-stamp");
        // Code-scanning uploads reject results without a location: the first evidence anchors it.
        JsonNode anchor = noFile.get("locations").get(0).get("physicalLocation");
        assertThat(anchor.get("artifactLocation").get("uri").asText()).isEqualTo(file("001"));
        assertThat(anchor.get("region").get("startLine").asInt()).isEqualTo(9);
        assertThat(noFile.has("properties")).isFalse();
        assertThat(noFile.get("message").get("text").asText()).isEqualTo("the database is stamped 'x'. Fix: Stamp it.");
        assertThat(noFile.get("relatedLocations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
                .isEqualTo(9);

        JsonNode wholeFile = results.get(1);
        JsonNode physical = wholeFile.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo(file("002"));
        assertThat(physical.has("region")).isFalse();
        assertThat(wholeFile.has("relatedLocations")).isFalse();
        // Without a fix, the message is the finding's message alone.
        assertThat(wholeFile.get("message").get("text").asText()).isEqualTo("whole file.");
    }

    @Test
    void consumerEvidenceIsARealLocationInTheRepositoryOrAFileUriOutsideIt() throws IOException {
        Path repository = dir.resolve("repo");
        Path project = repository.resolve("services/league");
        ReportFixture.linearProject(project);
        Path outside = dir.resolve("elsewhere/portal");
        Locations locations = new Locations(project, repository, Map.of("westside-contracts",
                repository.resolve("services/contracts"), "portal", outside));
        JsonNode run = run(sarif(ReportFixture.report(project,
                new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 12,
                        "drops players.team_id, which westside-contracts reads.", "Expand first.",
                        List.of(new Evidence("westside-contracts", "src/db/players.ts", 33, "SELECT team_id FROM players"),
                                new Evidence("portal", "src/teams.ts", 0, null),
                                new Evidence(null, file("001"), 0, null)))), locations));
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("services/league/" + file("002"));
        JsonNode related = result.get("relatedLocations");
        assertThat(related).hasSize(3);
        JsonNode query = related.get(0).get("physicalLocation");
        assertThat(query.get("artifactLocation").get("uri").asText()).isEqualTo("services/contracts/src/db/players.ts");
        assertThat(query.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(query.get("region").get("startLine").asInt()).isEqualTo(33);
        assertThat(related.get(0).get("message").get("text").asText())
                .isEqualTo("westside-contracts: SELECT team_id FROM players");
        // A consumer outside the repository: an absolute file URI, without a base to resolve it against.
        JsonNode portal = related.get(1).get("physicalLocation").get("artifactLocation");
        assertThat(portal.get("uri").asText()).isEqualTo(outside.resolve("src/teams.ts").toUri().toString())
                .startsWith("file:///");
        assertThat(portal.has("uriBaseId")).isFalse();
        assertThat(related.get(1).get("physicalLocation").has("region")).isFalse();
        assertThat(related.get(2).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("services/league/" + file("001"));

        List<String> bases = new ArrayList<>();
        run.get("originalUriBaseIds").fieldNames().forEachRemaining(bases::add);
        assertThat(bases).containsExactly("%SRCROOT%");
    }

    @Test
    void fingerprintsIgnoreTheLineButTellIdenticalFindingsApart() {
        ReportFixture.linearProject(dir);
        Finding at3 = new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 3, "same.", "f.", List.of());
        Finding at7 = new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 7, "same.", "f.", List.of());
        Finding other = new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 9, "other.", "f.", List.of());
        List<String> prints = fingerprints(ReportFixture.report(dir, at3, at7, other));
        assertThat(prints).hasSize(3);
        assertThat(prints.get(0)).matches("[0-9a-f]{32}:1");
        assertThat(prints.get(1)).isEqualTo(prints.get(0).replace(":1", ":2"));
        assertThat(prints.get(2)).matches("[0-9a-f]{32}:1").isNotEqualTo(prints.get(0));

        // Lines above the finding move: the fingerprint stays.
        Finding moved = new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 42, "other.", "f.", List.of());
        assertThat(fingerprints(ReportFixture.report(dir, moved))).containsExactly(prints.get(2));
        // Another rule, file or message is another result.
        assertThat(fingerprints(ReportFixture.report(dir, new Finding("drop-column", Severity.ERROR, "002", file("002"), 9,
                "other.", "f.", List.of())))).doesNotContain(prints.get(2));
        assertThat(fingerprints(ReportFixture.report(dir, new Finding("consumer-breaking-change", Severity.ERROR, "001",
                file("001"), 9, "other.", "f.", List.of())))).doesNotContain(prints.get(2));
    }

    private static List<String> fingerprints(Report report) {
        List<String> out = new ArrayList<>();
        for (JsonNode result : run(sarif(report)).get("results")) {
            assertThat(result.get("partialFingerprints").size()).isEqualTo(1);
            out.add(result.get("partialFingerprints").get("schemaguard/v1").asText());
        }
        return out;
    }

    @Test
    void theOutputIsDeterministicAndPortable() {
        ReportFixture.forkedProject(dir);
        Finding a = new Finding("unknown-stamp", Severity.ERROR, null, null, 0, "a.", "f.", List.of());
        Finding b = new Finding("consumer-breaking-change", Severity.INFO, "006", file("006"), 5, "b.", "f.",
                List.of(new Evidence("svc", "q.sql", 1, "x")));
        String once = new SarifFormatter(Locations.ofProject(dir)).format(ReportFixture.report(dir, a, b));
        String again = new SarifFormatter(Locations.ofProject(dir)).format(ReportFixture.report(dir, b, a));
        assertThat(again).isEqualTo(once);
        assertThat(once).doesNotContain(dir.toString()).doesNotContain(dir.toUri().toString());
    }

    @Test
    void aCleanProjectHasAnEmptyResultsArray() {
        ReportFixture.linearProject(dir);
        JsonNode run = run(sarif(ReportFixture.report(dir)));
        assertThat(run.get("results").isArray()).isTrue();
        assertThat(run.get("results")).isEmpty();
        assertThat(run.get("tool").get("driver").get("rules")).isEmpty();
    }

    @Test
    void aRuleOutsideTheCatalogueIsABugNotAnUndocumentedDescriptor() {
        ReportFixture.linearProject(dir);
        Report report = ReportFixture.report(dir,
                new Finding("no-such-rule", Severity.ERROR, null, null, 0, "m.", "f.", List.of()));
        assertThatThrownBy(() -> new SarifFormatter(Locations.ofProject(report.graph().source().projectDir())).format(report))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-rule");
    }

    @Test
    void pathsAreUriReferences() {
        assertThat(SarifFormatter.uri("db/migrations/0001_init.sql")).isEqualTo("db/migrations/0001_init.sql");
        assertThat(SarifFormatter.uri("db\\migrations\\0001 init.sql")).isEqualTo("db/migrations/0001%20init.sql");
        assertThat(SarifFormatter.uri("db/migrações/v#1?.sql")).isEqualTo("db/migra%C3%A7%C3%B5es/v%231%3F.sql");
        assertThat(SarifFormatter.uri("c:odd/a:b.sql")).isEqualTo("c%3Aodd/a:b.sql");
        assertThat(SarifFormatter.uri("100%.sql")).isEqualTo("100%25.sql");
        for (String uri : List.of(SarifFormatter.uri("c:odd/a:b.sql"), SarifFormatter.uri("db/migrações/v#1?.sql"))) {
            assertThat(URI.create(uri).isAbsolute()).as(uri).isFalse();
        }
    }

    @Test
    void aFileWithSpacesIsPercentEncodedInTheResult() {
        ReportFixture.linearProject(dir);
        JsonNode result = run(sarif(ReportFixture.report(dir, new Finding("consumer-breaking-change", Severity.ERROR,
                null, "db/my migrations/1.sql", 1, "m.", "f.", List.of())))).get("results").get(0);
        assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("db/my%20migrations/1.sql");
    }

    /**
     * What the schema cannot say and code scanning needs: each result's rule index names its rule, rule ids and
     * related-location ids are unique, every location's uri is a URI reference.
     */
    static void assertConsistent(JsonNode log) {
        for (JsonNode run : log.get("runs")) {
            JsonNode rules = run.get("tool").get("driver").get("rules");
            Set<String> ids = new HashSet<>();
            rules.forEach(rule -> assertThat(ids.add(rule.get("id").asText())).as("rule ids are unique").isTrue());
            for (JsonNode result : run.get("results")) {
                assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText())
                        .isEqualTo(result.get("ruleId").asText());
                Set<Integer> related = new HashSet<>();
                result.path("relatedLocations").forEach(r -> assertThat(related.add(r.get("id").asInt())).isTrue());
                List<JsonNode> locations = new ArrayList<>();
                result.path("locations").forEach(locations::add);
                result.path("relatedLocations").forEach(locations::add);
                for (JsonNode location : locations) {
                    JsonNode uri = location.path("physicalLocation").path("artifactLocation").path("uri");
                    if (!uri.isMissingNode()) {
                        try {
                            new URI(uri.asText());
                        } catch (URISyntaxException e) {
                            fail("not a uri-reference: " + uri.asText());
                        }
                    }
                }
            }
        }
    }
}
