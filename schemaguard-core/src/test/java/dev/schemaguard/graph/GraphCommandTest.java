package dev.schemaguard.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph analysis, run through the command line on small projects. */
class GraphCommandTest {

    @TempDir
    Path dir;

    private ProjectBuilder project() {
        return new ProjectBuilder(dir);
    }

    private Cli.Result graphJson(String... extra) {
        List<String> args = new ArrayList<>(List.of("graph", dir.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> rules(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.path("findings").forEach(f -> out.add(f.get("rule").asText() + ":" + f.get("severity").asText()));
        return out;
    }

    @Test
    void aMergedForkIsInfoAndExitsZero() {
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'").alembic("d", "('b', 'c')");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isZero();
        JsonNode graph = r.json().get("graph");
        assertThat(texts(graph.get("roots"))).containsExactly("a");
        assertThat(texts(graph.get("heads"))).containsExactly("d");
        assertThat(texts(graph.get("merges"))).containsExactly("d");
        assertThat(graph.get("forks").get(0).get("at").asText()).isEqualTo("a");
        assertThat(texts(graph.get("forks").get(0).get("children"))).containsExactly("b", "c");
        assertThat(graph.get("forks").get(0).get("merged_at").asText()).isEqualTo("d");
        assertThat(rules(r.json())).containsExactly("fork:info");
    }

    @Test
    void aForkWhoseBranchesMeetLaterIsMergedWhereAllBranchesMeet() {
        // a forks three ways; b and c merge at e, d only joins at f.
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'").alembic("d", "'a'")
                .alembic("e", "('b', 'c')").alembic("f", "('e', 'd')");
        JsonNode forks = graphJson().json().get("graph").get("forks");
        assertThat(forks).hasSize(1);
        assertThat(forks.get(0).get("merged_at").asText()).isEqualTo("f");
    }

    @Test
    void anUnmergedForkHasTwoHeadsAndFails() {
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(texts(r.json().get("graph").get("heads"))).containsExactly("b", "c");
        assertThat(r.json().get("graph").get("forks").get(0).get("merged_at").isNull()).isTrue();
        assertThat(rules(r.json())).containsExactlyInAnyOrder("multiple-heads:error", "fork:error");
        JsonNode heads = r.json().get("findings").findParents("rule").stream()
                .filter(f -> f.get("rule").asText().equals("multiple-heads")).findFirst().orElseThrow();
        assertThat(heads.get("file").asText()).isEqualTo("alembic/versions/c_step.py");
        assertThat(heads.get("line").asInt()).isEqualTo(10);
        assertThat(heads.get("evidence")).hasSize(2);
    }

    @Test
    void aTupleDownRevisionWithAMissingMemberIsAMissingParent() {
        project().alembic("a", "None").alembic("b", "'a'").alembic("m", "('b', 'gone')");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode missing = r.json().get("graph").get("missing_parents");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).get("migration").asText()).isEqualTo("m");
        assertThat(missing.get(0).get("parent").asText()).isEqualTo("gone");
        assertThat(rules(r.json())).containsExactly("missing-parent:error");
        assertThat(r.json().get("findings").get(0).get("line").asInt()).isEqualTo(10);
    }

    @Test
    void cyclesAreFoundAndShownInOrder() {
        project().alembic("a", "None").alembic("b", "('a', 'c')").alembic("c", "'b'");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode cycles = r.json().get("graph").get("cycles");
        assertThat(cycles).hasSize(1);
        assertThat(texts(cycles.get(0))).containsExactly("b", "c", "b");
        assertThat(rules(r.json())).contains("cycle:error");
    }

    @Test
    void aMigrationRevisingItselfIsACycle() {
        project().alembic("a", "'a'");
        JsonNode cycles = graphJson().json().get("graph").get("cycles");
        assertThat(texts(cycles.get(0))).containsExactly("a", "a");
    }

    @Test
    void duplicateIdsAreReportedWithBothFiles() {
        project().alembic("a", "None")
                .file("alembic/versions/zz_copy.py", "revision = 'a'\ndown_revision = None\n");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode duplicates = r.json().get("graph").get("duplicates");
        assertThat(duplicates.get(0).get("id").asText()).isEqualTo("a");
        assertThat(texts(duplicates.get(0).get("files")))
                .containsExactly("alembic/versions/a_step.py", "alembic/versions/zz_copy.py");
        assertThat(rules(r.json())).contains("duplicate-revision:error");
    }

    @Test
    void duplicateVersionsInALinearFormatAreDuplicates() {
        project().file("migrations/0001_a.sql", "SELECT 1;").file("migrations/0002_b.sql", "SELECT 1;")
                .file("migrations/0002_c.sql", "SELECT 1;").file("migrations/0003_d.sql", "SELECT 1;");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(rules(r.json())).containsExactly("duplicate-revision:error");
        assertThat(texts(r.json().get("graph").get("heads"))).containsExactly("0003");
    }

    @Test
    void dependsOnOrdersTheUpgradeWithoutMakingAMerge() {
        project().alembic("a", "None").alembic("b", "'a'")
                .file("alembic/versions/c_other.py", "revision = 'c'\ndown_revision = None\nbranch_labels = ('other',)\n")
                .file("alembic/versions/d_dep.py", "revision = 'd'\ndown_revision = 'b'\ndepends_on = 'other'\n");
        Cli.Result r = graphJson("--stamp", "a", "--fail-on", "never");
        JsonNode graph = r.json().get("graph");
        assertThat(graph.get("merges")).isEmpty();
        assertThat(texts(graph.get("heads"))).containsExactly("c", "d");
        assertThat(texts(r.json().get("upgrade").get("pending"))).containsExactly("b", "c", "d");
    }

    @Test
    void anEmptyMigrationsDirectoryIsAnErrorThatSaysWhatWasSeen() {
        project().file("db/migrations/.gitkeep", "");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no migrations found").contains("db/migrations is empty")
                .contains("migrations.path");
    }

    @Test
    void anEmptyHistoryPassesOnlyWhenTheProjectSaysItIsEmpty() {
        project().file("db/migrations/.gitkeep", "").file("schemaguard.yml", "migrations:\n  allow_empty: true\n");
        Cli.Result r = graphJson();
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("migrations")).isEmpty();
        assertThat(r.json().get("graph").get("heads")).isEmpty();
        Cli.Result text = Cli.run("graph", dir.toString());
        assertThat(text.out()).contains("0 migrations").contains("nothing to analyse yet");
    }

    @Test
    void oneMigrationIsItsOwnRootAndHead() {
        project().file("migrations/0001_init.sql", "CREATE TABLE t (id int);");
        JsonNode json = graphJson().json();
        assertThat(texts(json.get("graph").get("roots"))).containsExactly("0001");
        assertThat(texts(json.get("graph").get("heads"))).containsExactly("0001");
        assertThat(json.get("summary").get("errors").asInt()).isZero();
        assertThat(json.has("findings")).as("graph prints no findings array when nothing is wrong").isFalse();
    }

    @Test
    void drawsDotAndMermaid() {
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'").alembic("d", "('b', 'c')");
        String dot = Cli.run("graph", dir.toString(), "--format", "dot").out();
        assertThat(dot).startsWith("digraph migrations {").contains("\"a\" -> \"b\";").contains("\"c\" -> \"d\";")
                .contains("\"d\" [label=\"d\", tooltip=\"alembic/versions/d_step.py\", peripheries=2");
        String mermaid = Cli.run("graph", dir.toString(), "--format", "mermaid").out();
        assertThat(mermaid).startsWith("flowchart TB").contains("m0[\"a\"]").contains("m3([\"d\"])")
                .contains("m1 --> m3").contains("m2 --> m3");
    }

    @Test
    void drawsSvgInLayersWithoutGraphviz() throws Exception {
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'").alembic("d", "('b', 'c')");
        String svg = Cli.run("graph", dir.toString(), "--format", "svg").out();
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("line").getLength()).isEqualTo(4);
        assertThat(doc.getElementsByTagName("title").getLength()).isEqualTo(4);
        // b and c share a row side by side; d, the merge, continues b's column below them.
        assertThat(svg).contains("<title>d — alembic/versions/d_step.py</title><rect x=\"30\" y=\"132\"")
                .contains("<title>c — alembic/versions/c_step.py</title><rect x=\"170\" y=\"76\"")
                .contains("stroke-width=\"3\"/><text x=\"90\" y=\"150\" text-anchor=\"middle\">d</text>");
    }

    @Test
    void severityOverridesFromConfigurationApply() {
        project().alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'")
                .file("schemaguard.yml", "rules:\n  multiple-heads: warning\n  fork: off\n");
        Cli.Result r = graphJson();
        assertThat(rules(r.json())).containsExactly("multiple-heads:warning");
        assertThat(r.exitCode()).isZero();
        assertThat(graphJson("--fail-on", "warning").exitCode()).isEqualTo(1);
    }

    @Test
    void alembicIniTellsWhereTheRevisionsAre() {
        Cli.Result r = Cli.run("graph", "schemaguard-core/src/test/resources/rehearsal/branch-order-dependent", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("format").asText()).isEqualTo("alembic");
        assertThat(r.json().get("migrations_path").asText()).isEqualTo("migrations/versions");
    }
}
