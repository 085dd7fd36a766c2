package dev.schemaguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleDocs;
import dev.schemaguard.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static dev.schemaguard.report.ReportFixture.DOWN_REVISION_LINE;
import static dev.schemaguard.report.ReportFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** {@code --format sarif}: SARIF 2.1.0 that code-scanning UIs accept and can track across runs. */
class SarifFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode sarif(Report report) {
        String text = new SarifFormatter().format(report);
        assertThat(text).endsWith("}\n");
        try {
            JsonNode root = JSON.readTree(text);
            assertValidSarif(root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON:\n" + text, e);
        }
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
        assertThat(driver.has("informationUri")).isFalse();

        // One descriptor per rule with findings, sorted, described by the rule's documentation.
        JsonNode rules = driver.get("rules");
        assertThat(texts(rules, "id")).containsExactly("fork", "multiple-heads");
        for (JsonNode rule : rules) {
            String id = rule.get("id").asText();
            assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo(RuleCatalogue.get(id).summary()).isNotBlank();
            assertThat(rule.get("fullDescription").get("text").asText()).isEqualTo(RuleCatalogue.get(id).summary());
            assertThat(rule.get("help").get("text").asText()).isEqualTo(RuleDocs.markdown(id));
            assertThat(rule.get("help").get("markdown").asText()).isEqualTo(RuleDocs.markdown(id));
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
    void consumerEvidenceIsRelativeToTheConsumersOwnBase() {
        ReportFixture.linearProject(dir);
        JsonNode run = run(sarif(ReportFixture.report(dir,
                new Finding("consumer-breaking-change", Severity.ERROR, "002", file("002"), 12,
                        "drops players.team_id, which westside-contracts reads.", "Expand first.",
                        List.of(new Evidence("westside-contracts", "src/db/players.ts", 33, "SELECT team_id FROM players"),
                                new Evidence("westside-contracts", "src/db/teams.ts", 0, null),
                                new Evidence(null, file("001"), 0, null))))));
        JsonNode related = run.get("results").get(0).get("relatedLocations");
        assertThat(related).hasSize(3);
        JsonNode query = related.get(0);
        assertThat(query.get("physicalLocation").get("artifactLocation").get("uri").asText()).isEqualTo("src/db/players.ts");
        assertThat(query.get("physicalLocation").get("artifactLocation").get("uriBaseId").asText())
                .isEqualTo("CONSUMER:westside-contracts");
        assertThat(query.get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(33);
        assertThat(query.get("message").get("text").asText()).isEqualTo("westside-contracts: SELECT team_id FROM players");
        assertThat(related.get(1).get("message").get("text").asText()).isEqualTo("westside-contracts");
        assertThat(related.get(1).get("physicalLocation").has("region")).isFalse();
        assertThat(related.get(2).has("message")).isFalse();
        assertThat(related.get(2).get("physicalLocation").get("artifactLocation").get("uriBaseId").asText())
                .isEqualTo("%SRCROOT%");

        List<String> bases = new ArrayList<>();
        run.get("originalUriBaseIds").fieldNames().forEachRemaining(bases::add);
        assertThat(bases).containsExactly("%SRCROOT%", "CONSUMER:westside-contracts");
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
        String once = new SarifFormatter().format(ReportFixture.report(dir, a, b));
        String again = new SarifFormatter().format(ReportFixture.report(dir, b, a));
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
        assertThatThrownBy(() -> new SarifFormatter().format(report))
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

    // ---- the essential constraints of the SARIF 2.1.0 schema, checked by hand ----

    private static final Set<String> LOG = Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties");
    private static final Set<String> RUN = Set.of("tool", "invocations", "conversion", "language",
            "versionControlProvenance", "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding",
            "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
            "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
            "specialLocations", "properties");
    private static final Set<String> TOOL = Set.of("driver", "extensions", "properties");
    private static final Set<String> TOOL_COMPONENT = Set.of("guid", "name", "organization", "product", "productSuite",
            "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
            "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
            "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
            "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
            "supportedTaxonomies", "properties");
    private static final Set<String> DESCRIPTOR = Set.of("id", "deprecatedIds", "guid", "deprecatedGuids", "name",
            "deprecatedNames", "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri",
            "help", "relationships", "properties");
    private static final Set<String> CONFIGURATION = Set.of("enabled", "level", "rank", "parameters", "properties");
    private static final Set<String> MULTIFORMAT = Set.of("text", "markdown", "properties");
    private static final Set<String> MESSAGE = Set.of("text", "markdown", "id", "arguments", "properties");
    private static final Set<String> RESULT = Set.of("ruleId", "ruleIndex", "rule", "kind", "level", "message",
            "analysisTarget", "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
            "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions",
            "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa",
            "webRequest", "webResponse", "properties");
    private static final Set<String> LOCATION = Set.of("id", "physicalLocation", "logicalLocations", "message",
            "annotations", "relationships", "properties");
    private static final Set<String> PHYSICAL = Set.of("address", "artifactLocation", "region", "contextRegion", "properties");
    private static final Set<String> ARTIFACT_LOCATION = Set.of("uri", "uriBaseId", "index", "description", "properties");
    private static final Set<String> REGION = Set.of("startLine", "startColumn", "endLine", "endColumn", "charOffset",
            "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties");
    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    /** Required properties, allowed properties (additionalProperties: false), enums and minimums of the schema. */
    static void assertValidSarif(JsonNode log) {
        object(log, "sarifLog", LOG, "version", "runs");
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("runs").isArray()).as("runs is an array").isTrue();
        for (JsonNode run : log.get("runs")) {
            object(run, "run", RUN, "tool");
            object(run.get("tool"), "tool", TOOL, "driver");
            JsonNode driver = run.get("tool").get("driver");
            object(driver, "toolComponent", TOOL_COMPONENT, "name");
            assertThat(driver.get("name").isTextual()).isTrue();
            if (driver.has("rules")) {
                Set<String> ids = new HashSet<>();
                for (JsonNode rule : driver.get("rules")) {
                    object(rule, "reportingDescriptor", DESCRIPTOR, "id");
                    assertThat(ids.add(rule.get("id").asText())).as("rule ids are unique").isTrue();
                    for (String field : List.of("shortDescription", "fullDescription", "help")) {
                        if (rule.has(field)) {
                            object(rule.get(field), field, MULTIFORMAT, "text");
                        }
                    }
                    if (rule.has("defaultConfiguration")) {
                        object(rule.get("defaultConfiguration"), "reportingConfiguration", CONFIGURATION);
                        assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn(LEVELS);
                    }
                    propertyBag(rule);
                }
            }
            if (run.has("originalUriBaseIds")) {
                run.get("originalUriBaseIds").forEach(base -> artifactLocation(base));
            }
            assertThat(run.get("results").isArray()).as("results is an array").isTrue();
            int rules = driver.has("rules") ? driver.get("rules").size() : 0;
            for (JsonNode result : run.get("results")) {
                object(result, "result", RESULT, "message");
                message(result.get("message"));
                assertThat(result.get("message").get("text").asText()).as("results[].message.text").isNotBlank();
                if (result.has("level")) {
                    assertThat(result.get("level").asText()).isIn(LEVELS);
                }
                if (result.has("ruleIndex")) {
                    assertThat(result.get("ruleIndex").isInt()).isTrue();
                    assertThat(result.get("ruleIndex").asInt()).isBetween(0, rules - 1);
                }
                if (result.has("locations")) {
                    result.get("locations").forEach(SarifFormatterTest::location);
                }
                if (result.has("relatedLocations")) {
                    Set<Integer> ids = new HashSet<>();
                    for (JsonNode related : result.get("relatedLocations")) {
                        location(related);
                        assertThat(related.get("id").asInt()).isGreaterThanOrEqualTo(0);
                        assertThat(ids.add(related.get("id").asInt())).as("location ids are unique").isTrue();
                    }
                }
                if (result.has("partialFingerprints")) {
                    result.get("partialFingerprints").forEach(v -> assertThat(v.isTextual()).isTrue());
                }
                propertyBag(result);
            }
        }
    }

    private static void location(JsonNode location) {
        object(location, "location", LOCATION);
        if (location.has("id")) {
            assertThat(location.get("id").isInt()).isTrue();
        }
        if (location.has("message")) {
            message(location.get("message"));
        }
        if (location.has("physicalLocation")) {
            JsonNode physical = location.get("physicalLocation");
            object(physical, "physicalLocation", PHYSICAL);
            assertThat(physical.has("artifactLocation") || physical.has("address")).isTrue();
            artifactLocation(physical.get("artifactLocation"));
            if (physical.has("region")) {
                JsonNode region = physical.get("region");
                object(region, "region", REGION, "startLine");
                assertThat(region.get("startLine").isInt()).isTrue();
                assertThat(region.get("startLine").asInt()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    private static void artifactLocation(JsonNode artifact) {
        object(artifact, "artifactLocation", ARTIFACT_LOCATION);
        if (artifact.has("uri")) {
            try {
                new URI(artifact.get("uri").asText());
            } catch (URISyntaxException e) {
                fail("not a uri-reference: " + artifact.get("uri").asText());
            }
        }
        if (artifact.has("description")) {
            message(artifact.get("description"));
        }
    }

    private static void message(JsonNode message) {
        object(message, "message", MESSAGE);
        assertThat(message.has("text") || message.has("id")).as("message has text or id").isTrue();
    }

    private static void propertyBag(JsonNode owner) {
        if (owner.has("properties")) {
            assertThat(owner.get("properties").isObject()).isTrue();
            if (owner.get("properties").has("tags")) {
                JsonNode tags = owner.get("properties").get("tags");
                Set<String> seen = new HashSet<>();
                tags.forEach(t -> assertThat(seen.add(t.asText())).as("tags are unique").isTrue());
            }
        }
    }

    private static void object(JsonNode node, String type, Set<String> allowed, String... required) {
        assertThat(node).as(type).isNotNull();
        assertThat(node.isObject()).as(type + " is an object").isTrue();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertThat(allowed).as(type + " has no property '" + name + "'").contains(name);
        }
        for (String name : required) {
            assertThat(node.has(name)).as(type + " requires '" + name + "'").isTrue();
        }
    }
}
